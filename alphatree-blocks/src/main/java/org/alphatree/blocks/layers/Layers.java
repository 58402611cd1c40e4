package org.alphatree.blocks.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;

/** Factories for the DJL leaf layers AlphaTree builds on, configured like PyTorch's. */
public final class Layers {
    private Layers() {}

    /**
     * {@code torch.nn.Conv2d(in, out, kernel, stride, padding, groups=groups, bias=bias)}; the
     * input channel count is taken from the first input. Weights are initialized with
     * kaiming-normal (fan_out, ReLU gain), as torchvision's ResNet does ({@link Init}; DenseNet
     * uses fan-in).
     *
     * @param out output channels
     * @param kernel square kernel size
     * @param stride stride
     * @param padding zero padding on each side
     * @param groups groups
     * @param bias whether to add a bias
     * @return the block
     */
    public static Conv2d conv2d(
            int out, int kernel, int stride, int padding, int groups, boolean bias) {
        return conv2d(out, kernel, stride, padding, 1, groups, bias);
    }

    /**
     * {@code torch.nn.Conv2d} with dilation.
     *
     * @param out output channels
     * @param kernel square kernel size
     * @param stride stride
     * @param padding zero padding on each side
     * @param dilation dilation
     * @param groups groups
     * @param bias whether to add a bias
     * @return the block
     */
    public static Conv2d conv2d(
            int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
        return conv2d(out, kernel, kernel, stride, padding, padding, dilation, groups, bias);
    }

    /** The weight initializations of the references' convolutions and linear layers. */
    public enum Init {
        /** kaiming-normal, fan-out, ReLU gain: torchvision's ResNet, GoogLeNet, MobileNet, VGG. */
        KAIMING_FAN_OUT(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.OUT,
                        2f)),
        /**
         * kaiming-normal, fan-in, ReLU gain: torchvision's DenseNet ({@code
         * nn.init.kaiming_normal_}).
         */
        KAIMING_FAN_IN(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.IN,
                        2f)),
        /**
         * PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear} weights, {@code
         * kaiming_uniform_(a=sqrt(5))} = U(-1/sqrt(fan_in), 1/sqrt(fan_in)): torchvision's AlexNet,
         * which sets no initialization of its own.
         */
        TORCH_DEFAULT(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f)),
        /**
         * {@code kaiming_uniform_(a=0)}, fan-in, ReLU gain = U(-sqrt(6/fan_in), sqrt(6/fan_in)):
         * torchvision's SqueezeNet convolutions.
         */
        KAIMING_UNIFORM_FAN_IN(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 6f)),
        /**
         * {@code kaiming_uniform_(mode="fan_out", nonlinearity="sigmoid")} = U(-sqrt(3/fan_out),
         * sqrt(3/fan_out)): torchvision's MNASNet classifier.
         */
        UNIFORM_FAN_OUT(
                new XavierInitializer(
                        XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.OUT,
                        3f)),
        /** normal(0, 0.01): torchvision's VGG and SqueezeNet linear layers. */
        NORMAL_0_01(new NormalInitializer(0.01f));

        private final Initializer initializer;

        Init(Initializer initializer) {
            this.initializer = initializer;
        }
    }

    /**
     * Sets a layer's weight initialization (biases stay zero): the one place where AlphaTree
     * chooses it.
     *
     * @param layer the convolution or linear layer
     * @param init the policy
     * @param <B> the layer's type
     * @return the layer
     */
    public static <B extends Block> B init(B layer, Init init) {
        layer.setInitializer(init.initializer, Parameter.Type.WEIGHT);
        return layer;
    }

    /** The general convolution every factory here builds (kaiming fan-out weights). */
    static Conv2d conv2d(
            int out,
            int kh,
            int kw,
            int stride,
            int ph,
            int pw,
            int dilation,
            int groups,
            boolean bias) {
        if (out < 1
                || kh < 1
                || kw < 1
                || stride < 1
                || ph < 0
                || pw < 0
                || dilation < 1
                || groups < 1) {
            throw new IllegalArgumentException(
                    String.format(
                            java.util.Locale.ROOT,
                            "invalid conv2d: out %d, kernel %dx%d, stride %d, padding %dx%d,"
                                    + " dilation %d, groups %d",
                            out,
                            kh,
                            kw,
                            stride,
                            ph,
                            pw,
                            dilation,
                            groups));
        }
        if (out % groups != 0) {
            throw new IllegalArgumentException(
                    "conv2d: output channels " + out + " not divisible by groups " + groups);
        }
        Conv2d conv =
                FoldableConv2d.foldableBuilder()
                        .setKernelShape(new Shape(kh, kw))
                        .setFilters(out)
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(ph, pw))
                        .optDilation(new Shape(dilation, dilation))
                        .optGroups(groups)
                        .optBias(bias)
                        .build();
        return init(conv, Init.KAIMING_FAN_OUT);
    }

    /**
     * {@code torch.nn.Linear(in, out)}; the input size is taken from the first input.
     *
     * @param out output features
     * @param bias whether to add a bias
     * @return the block
     */
    public static Linear linear(int out, boolean bias) {
        if (out < 1) {
            throw new IllegalArgumentException("linear: output features must be positive");
        }
        return Linear.builder().setUnits(out).optBias(bias).build();
    }

    /**
     * {@code torch.nn.Conv2d} with a rectangular kernel and padding, e.g. Inception v3's 1x7 and
     * 7x1 factorized convolutions.
     *
     * @param out output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param stride stride (both axes)
     * @param ph padding of the height
     * @param pw padding of the width
     * @param bias whether to add a bias
     * @return the block
     */
    public static Conv2d conv2dRect(
            int out, int kh, int kw, int stride, int ph, int pw, boolean bias) {
        return conv2d(out, kh, kw, stride, ph, pw, 1, 1, bias);
    }
}

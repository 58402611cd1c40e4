package org.alphatree.blocks.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.XavierInitializer;

/** Factories for the DJL leaf layers AlphaTree builds on, configured like PyTorch's. */
public final class Layers {
    private Layers() {}

    /**
     * {@code torch.nn.Conv2d(in, out, kernel, stride, padding, groups=groups, bias=bias)}; the
     * input channel count is taken from the first input. Weights are initialized with
     * kaiming-normal (fan_out, ReLU gain), as torchvision's ResNet and DenseNet do.
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
        if (out < 1 || kernel < 1 || stride < 1 || padding < 0 || dilation < 1 || groups < 1) {
            throw new IllegalArgumentException(
                    "invalid conv2d: out "
                            + out
                            + ", kernel "
                            + kernel
                            + ", stride "
                            + stride
                            + ", padding "
                            + padding
                            + ", dilation "
                            + dilation
                            + ", groups "
                            + groups);
        }
        if (out % groups != 0) {
            throw new IllegalArgumentException(
                    "conv2d: output channels " + out + " not divisible by groups " + groups);
        }
        Conv2d conv =
                Conv2d.builder()
                        .setKernelShape(new Shape(kernel, kernel))
                        .setFilters(out)
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding))
                        .optDilation(new Shape(dilation, dilation))
                        .optGroups(groups)
                        .optBias(bias)
                        .build();
        conv.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.OUT,
                        2f),
                Parameter.Type.WEIGHT);
        return conv;
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
        if (out < 1 || kh < 1 || kw < 1 || stride < 1 || ph < 0 || pw < 0) {
            throw new IllegalArgumentException(
                    "invalid conv2d: out "
                            + out
                            + ", kernel "
                            + kh
                            + "x"
                            + kw
                            + ", stride "
                            + stride
                            + ", padding "
                            + ph
                            + "x"
                            + pw);
        }
        Conv2d conv =
                Conv2d.builder()
                        .setKernelShape(new Shape(kh, kw))
                        .setFilters(out)
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(ph, pw))
                        .optBias(bias)
                        .build();
        conv.setInitializer(
                new XavierInitializer(
                        XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.OUT,
                        2f),
                Parameter.Type.WEIGHT);
        return conv;
    }
}

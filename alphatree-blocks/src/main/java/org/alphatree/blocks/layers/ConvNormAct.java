package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * Convolution, normalization, activation: timm's {@code ConvNormAct} and torchvision's {@code
 * Conv2dNormActivation} / {@code BasicConv2d}, with the keys {@code conv.weight}, {@code
 * bn.weight}, ... (the activation, {@code act}, has no parameters). The norm and the activation are
 * injected as factories, so every family builds its units from this one block:
 *
 * <pre>{@code
 * ConvNormAct.builder().setFilters(64).setKernel(7).optStride(2).optPadding(3)
 *         .optNorm(BatchNorm2d.factory(1e-3f, 0.1f)).build();      // GoogLeNet's conv1
 * ConvNormAct.builder().setFilters(192).setKernel(1, 7).optPadding(0, 3).build();  // Inception 1x7
 * }</pre>
 *
 * <p>Defaults: stride 1, padding 0, dilation 1, groups 1, no conv bias, {@code BatchNorm2d} (eps
 * 1e-5, momentum 0.1), ReLU, kaiming-normal fan-out weights. {@link Builder#optPreActivation} turns
 * the order around (norm and activation first, as DPN's units).
 */
public class ConvNormAct extends AlphaBlock {

    private final String desc;
    private final boolean preActivation;

    private ConvNormAct(Builder b) {
        this.preActivation = b.preActivation != null;
        if (preActivation) {
            add("bn", b.preActivation.get());
        }
        add(
                "conv",
                Layers.conv2d(
                        b.filters, b.kh, b.kw, b.stride, b.ph, b.pw, b.dilation, b.groups, b.bias));
        if (!preActivation && b.norm != null) {
            add("bn", b.norm.apply(b.filters));
            foldable("conv", "bn");
        }
        if (!preActivation && b.act != null) {
            add("act", b.act.get());
        }
        this.desc =
                (preActivation ? "BnActConv(" : "ConvNormAct(")
                        + b.kh
                        + "x"
                        + b.kw
                        + ", "
                        + b.filters
                        + (b.stride > 1 ? ", stride " + b.stride : "")
                        + (preActivation && b.groups > 1 ? ", groups " + b.groups : "")
                        + ")";
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return desc;
    }

    /**
     * Folds the batch norm into the convolution for inference: the weight becomes {@code W · γ /
     * √(σ² + ε)} per output channel and the norm's shift {@code β − μ γ / √(σ² + ε)} (plus the
     * scaled conv bias) becomes the convolution's bias, so eval runs one convolution instead of a
     * convolution and a normalization — equal to rounding (float32 results of the float64 folding).
     * It changes the parameters in place and is one way: a fused unit refuses to train, and its
     * state_dict holds the folded weights (keep an unfused copy for training or export).
     *
     * @return whether the unit was fused (false without a {@link BatchNorm2d}, in the
     *     pre-activation order, or before initialization)
     */
    public boolean fuse() {
        if (preActivation) {
            return false;
        }
        if (isFused()) {
            return true;
        }
        return isInitialized() && Fusion.fold(this, "conv", "bn") == 1;
    }

    /**
     * Returns whether {@link #fuse()} has folded the norm into the convolution.
     *
     * @return whether fused
     */
    public boolean isFused() {
        return ((FoldableConv2d) child("conv")).isFolded();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray input, boolean training) {
        if (preActivation) {
            return chain(ps, input, training, "bn", "conv");
        }
        NDArray x = call("conv", ps, input, training);
        if (hasChild("bn")) {
            x = consumeOwned("bn", ps, x, training); // after folding, maybe its activation
        }
        if (hasChild("act")) {
            x = consumeOwned("act", ps, x, training); // the conv's or norm's fresh output
        }
        return x;
    }

    /** Builds a {@link ConvNormAct}: {@code setX} values are required, {@code optX} optional. */
    public static final class Builder {
        private int filters;
        private int kh;
        private int kw;
        private int stride = 1;
        private int ph;
        private int pw;
        private int dilation = 1;
        private int groups = 1;
        private boolean bias;
        private IntFunction<Block> norm = BatchNorm2d.factory(1e-5f, 0.1f);
        private Supplier<Block> act = Activation::reluBlock;
        private Supplier<Block> preActivation;

        private Builder() {}

        /**
         * Sets the output channels.
         *
         * @param filters output channels
         * @return this
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * Sets a square kernel.
         *
         * @param k the side
         * @return this
         */
        public Builder setKernel(int k) {
            return setKernel(k, k);
        }

        /**
         * Sets a rectangular kernel (Inception's 1x7 and 7x1).
         *
         * @param kh height
         * @param kw width
         * @return this
         */
        public Builder setKernel(int kh, int kw) {
            this.kh = kh;
            this.kw = kw;
            return this;
        }

        /**
         * Sets the stride (1).
         *
         * @param stride the stride of both axes
         * @return this
         */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /**
         * Sets the zero padding of both sides (0).
         *
         * @param padding the padding
         * @return this
         */
        public Builder optPadding(int padding) {
            return optPadding(padding, padding);
        }

        /**
         * Sets the zero padding of the height and of the width.
         *
         * @param ph height padding
         * @param pw width padding
         * @return this
         */
        public Builder optPadding(int ph, int pw) {
            this.ph = ph;
            this.pw = pw;
            return this;
        }

        /**
         * Pads to keep the size at stride 1: {@code kernel / 2} on each axis.
         *
         * @return this
         */
        public Builder optSamePadding() {
            return optPadding(kh / 2, kw / 2);
        }

        /**
         * Sets the dilation (1).
         *
         * @param dilation the dilation
         * @return this
         */
        public Builder optDilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        /**
         * Sets the groups (1; depthwise: the input channels).
         *
         * @param groups the groups
         * @return this
         */
        public Builder optGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /**
         * Sets whether the convolution has a bias (default false: the norm follows).
         *
         * @param bias whether to add one
         * @return this
         */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets the norm factory: channels to a norm block, e.g. {@code BatchNorm2d.factory(1e-3f,
         * 0.1f)}; null for none.
         *
         * @param norm the factory
         * @return this
         */
        public Builder optNorm(IntFunction<Block> norm) {
            this.norm = norm;
            return this;
        }

        /**
         * Sets the activation factory, e.g. {@code () -> Activation.leakyReluBlock(0.2f)}; null for
         * none.
         *
         * @param act the factory
         * @return this
         */
        public Builder optActivation(Supplier<Block> act) {
            this.act = act;
            return this;
        }

        /**
         * Puts a norm with its activation before the convolution instead of both after it: the
         * pre-activation order of He, Zhang, Ren &amp; Sun, "Identity Mappings in Deep Residual
         * Networks", ECCV 2016, as timm's {@code BnActConv2d} in DPN. The block, e.g. {@code () ->
         * BatchNormAct2d.lazy(1e-3f, 0.1f, Activation.Type.RELU)}, takes its channels from the
         * input and stands at key {@code bn} (keys {@code bn.*}, {@code conv.*}); the norm and
         * activation of {@link #optNorm} and {@link #optActivation} are then not used, and the unit
         * is not folded ({@link ConvNormAct#fuse()} returns false).
         *
         * @param normAct the norm-and-activation factory; null for the default order
         * @return this
         */
        public Builder optPreActivation(Supplier<Block> normAct) {
            this.preActivation = normAct;
            return this;
        }

        /**
         * Builds the unit.
         *
         * @return the unit
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public ConvNormAct build() {
            validate();
            return new ConvNormAct(this);
        }

        /**
         * Builds the same unit as a sequence named like torchvision's {@code Conv2dNormActivation}:
         * {@code 0} the convolution, {@code 1} the norm, {@code 2} the activation (MobileNet V2/V3,
         * ShuffleNet V2's {@code conv1}); keys {@code 0.weight}, {@code 1.running_mean}, ...
         *
         * @return the sequence
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public org.alphatree.blocks.core.Sequential buildSequential() {
            validate();
            if (preActivation != null) {
                throw new IllegalArgumentException(
                        "ConvNormAct: the pre-activation order has no torchvision sequence");
            }
            org.alphatree.blocks.core.Sequential s = new org.alphatree.blocks.core.Sequential();
            s.add(Layers.conv2d(filters, kh, kw, stride, ph, pw, dilation, groups, bias));
            if (norm != null) {
                s.add(norm.apply(filters));
            }
            if (act != null) {
                s.add(act.get());
            }
            return s;
        }

        private void validate() {
            if (filters < 1) {
                throw new IllegalArgumentException("ConvNormAct: you must specify filters (>= 1)");
            }
            if (kh < 1 || kw < 1) {
                throw new IllegalArgumentException("ConvNormAct: you must specify the kernel");
            }
        }
    }
}

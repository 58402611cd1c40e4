package org.alphatree.blocks.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Kind;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.Temporaries;
import org.alphatree.blocks.layers.ConvTranspose2d;

/**
 * A convolution with an equalized learning rate (ProGAN): the weight is stored as N(0, 1) draws and
 * scaled at run time by {@code gain / √fan_in} (He's constant, applied every forward so that Adam
 * sees every weight on the same scale), {@code fan_in = C_in·k²}; the bias starts at 0. Padding
 * keeps the size (TF's {@code SAME}, odd kernels). With {@link Resample#UP} or {@link
 * Resample#DOWN} it is ProGAN's fused {@code upscale2d_conv2d} / {@code conv2d_downscale2d}: the
 * k×k kernel padded by one and summed over its four one-pixel shifts to (k+1)×(k+1), applied as a
 * stride-2 transposed convolution (up) or, ×¼, as a stride-2 convolution (down) — equal to
 * nearest-neighbour upsampling then the k×k convolution, or the convolution then a 2×2 box filter.
 * Parameters {@code weight} (C_out, C_in, k, k) and {@code bias} (C_out), PyTorch's layout for all
 * three.
 *
 * <p>Karras, Aila, Laine &amp; Lehtinen, "Progressive Growing of GANs for Improved Quality,
 * Stability, and Variation", ICLR 2018, §4.1; tkarras/progressive_growing_of_gans {@code
 * networks.py} ({@code get_weight}, {@code conv2d}, {@code upscale2d_conv2d}, {@code
 * conv2d_downscale2d}).
 */
public class EqualizedConv2d extends AbstractBlock implements Kind {

    /** The fused resampling. */
    public enum Resample {
        /** None: a size-keeping convolution. */
        NONE,
        /** Nearest 2× upsampling fused into the convolution. */
        UP,
        /** A 2×2 box-filter downsampling fused into the convolution. */
        DOWN
    }

    private final int filters;
    private final int kernel;
    private final float gain;
    private final Resample resample;
    private final Parameter weight;
    private final Parameter bias;

    private EqualizedConv2d(Builder b) {
        super((byte) 1);
        this.filters = b.filters;
        this.kernel = b.kernel;
        this.gain = b.gain;
        this.resample = b.resample;
        weight = addParameter(ParameterSpecs.weight(new NormalInitializer(1f)));
        bias = b.bias ? addParameter(ParameterSpecs.bias(Initializer.ZEROS, null)) : null;
    }

    /**
     * Returns a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the run-time weight scale {@code gain / √(C_in·k²)}.
     *
     * @param inChannels input channels
     * @return the scale
     */
    public float scale(long inChannels) {
        return (float) (gain / Math.sqrt((double) inChannels * kernel * kernel));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        String r =
                switch (resample) {
                    case NONE -> "";
                    case UP -> ", up 2x";
                    case DOWN -> ", down 2x";
                };
        return "EqualizedConv2d(" + kernel + "x" + kernel + ", " + filters + r + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != w.getShape().get(1)) {
            throw new IllegalArgumentException(
                    kind()
                            + ": expected (N, "
                            + w.getShape().get(1)
                            + ", H, W), got "
                            + x.getShape());
        }
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        NDArray ws = Temporaries.near(Scalars.mul(w, scale(w.getShape().get(1))), x);
        int p = kernel / 2;
        if (resample == Resample.NONE) {
            return Conv2d.conv2d(x, ws, b, new Shape(1, 1), new Shape(p, p), new Shape(1, 1), 1);
        }
        // (k+1)x(k+1) kernel: the sum of the k x k kernel at its four one-pixel offsets
        NDArray padded = ws.pad(new Shape(1, 1, 1, 1), 0);
        long k1 = kernel + 1L;
        NDArray fused =
                padded.get("..., 1:, 1:")
                        .add(padded.get("..., :{}, 1:", k1))
                        .add(padded.get("..., 1:, :{}", k1))
                        .add(padded.get("..., :{}, :{}", k1, k1));
        if (resample == Resample.UP) {
            return new NDList(
                    ConvTranspose2d.convTranspose2d(x, fused.transpose(1, 0, 2, 3), b, 2, p, 0));
        }
        return Conv2d.conv2d(
                x,
                Scalars.mul(fused, 0.25f),
                b,
                new Shape(2, 2),
                new Shape(p, p),
                new Shape(1, 1),
                1);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = in.get(2);
        long w = in.get(3);
        if (resample == Resample.UP) {
            h *= 2;
            w *= 2;
        } else if (resample == Resample.DOWN) {
            h /= 2;
            w /= 2;
        }
        return new Shape[] {new Shape(in.get(0), filters, h, w)};
    }

    /** Builds an {@link EqualizedConv2d}: {@code setFilters} and {@code setKernel} are required. */
    public static final class Builder {
        private int filters;
        private int kernel;
        private float gain = (float) Math.sqrt(2);
        private boolean bias = true;
        private Resample resample = Resample.NONE;

        private Builder() {}

        /**
         * Sets the output channels.
         *
         * @param filters output channels
         * @return this builder
         */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /**
         * Sets the (odd, square) kernel size.
         *
         * @param kernel kernel size
         * @return this builder
         */
        public Builder setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /**
         * Sets the gain of the run-time scale (default √2, He's for (leaky) ReLU; 1 for a linear
         * output such as toRGB).
         *
         * @param gain the gain
         * @return this builder
         */
        public Builder optGain(float gain) {
            this.gain = gain;
            return this;
        }

        /**
         * Sets whether a bias is added (default true).
         *
         * @param bias whether to add a bias
         * @return this builder
         */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * Sets the fused resampling (default none).
         *
         * @param resample the resampling
         * @return this builder
         */
        public Builder optResample(Resample resample) {
            this.resample = resample;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public EqualizedConv2d build() {
            if (filters < 1) {
                throw new IllegalArgumentException(
                        "EqualizedConv2d: setFilters(n >= 1) is required");
            }
            if (kernel < 1 || kernel % 2 == 0) {
                throw new IllegalArgumentException(
                        "EqualizedConv2d: setKernel needs an odd size >= 1, got " + kernel);
            }
            EqualizedLinear.checkGain("EqualizedConv2d", gain);
            return new EqualizedConv2d(this);
        }
    }
}

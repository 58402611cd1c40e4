package org.alphatree.blocks.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.alphatree.blocks.core.LeafBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.Temporaries;

/**
 * A fully-connected layer with an equalized learning rate (ProGAN's {@code dense} with {@code
 * use_wscale}): weight (out, in) stored as N(0, 1), scaled at run time by {@code gain / √in}; bias
 * 0. The input is flattened. With {@link Builder#optOutputShape} the output is reshaped to (N, C,
 * H, W) <em>before</em> the bias, which is then per channel (C values), as the generator's first
 * layer ({@code 4x4/Dense}: latent → nf·16 reshaped to (nf, 4, 4)).
 *
 * <p>Karras et al., "Progressive Growing of GANs", ICLR 2018, §4.1;
 * tkarras/progressive_growing_of_gans {@code networks.py} ({@code dense}, {@code apply_bias}).
 */
public class EqualizedLinear extends LeafBlock {

    private final int units;
    private final float gain;
    private final long[] outputShape;
    private final Parameter weight;
    private final Parameter bias;

    private EqualizedLinear(Builder b) {
        super((byte) 1);
        this.units = b.units;
        this.gain = b.gain;
        this.outputShape = b.outputShape;
        weight = addParameter(ParameterSpecs.weight(new NormalInitializer(1f)));
        bias = addParameter(ParameterSpecs.bias(Initializer.ZEROS, null));
    }

    /**
     * Returns a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "EqualizedLinear(" + units + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(units, inputShapes[0].size() / inputShapes[0].get(0)));
        bias.setShape(new Shape(outputShape == null ? units : outputShape[0]));
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        long in = w.getShape().get(1);
        long n = x.getShape().get(0);
        if (x.getShape().size() != n * in) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, " + in + ") values per sample, got " + x.getShape());
        }
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        NDArray y =
                x.reshape(n, in)
                        .matMul(
                                Temporaries.near(Scalars.mul(w, (float) (gain / Math.sqrt(in))), x)
                                        .transpose());
        if (outputShape == null) {
            return y.add(b);
        }
        y = y.reshape(n, outputShape[0], outputShape[1], outputShape[2]);
        return y.add(Temporaries.near(b.reshape(1, outputShape[0], 1, 1), x));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {
            outputShape == null
                    ? new Shape(n, units)
                    : new Shape(n, outputShape[0], outputShape[1], outputShape[2])
        };
    }

    /** Refuses a run-time gain that is not a finite positive number. */
    static void checkGain(String layer, float gain) {
        if (!(gain > 0) || Float.isInfinite(gain)) {
            throw new IllegalArgumentException(layer + ": gain must be > 0, got " + gain);
        }
    }

    /** Builds an {@link EqualizedLinear}: {@code setUnits} is required. */
    public static final class Builder {
        private int units;
        private float gain = (float) Math.sqrt(2);
        private long[] outputShape;

        private Builder() {}

        /**
         * Sets the output size.
         *
         * @param units output values per sample
         * @return this builder
         */
        public Builder setUnits(int units) {
            this.units = units;
            return this;
        }

        /**
         * Sets the gain of the run-time scale (default √2; 1 for a linear output).
         *
         * @param gain the gain
         * @return this builder
         */
        public Builder optGain(float gain) {
            this.gain = gain;
            return this;
        }

        /**
         * Reshapes the output to (N, channels, height, width) before a per-channel bias.
         *
         * @param channels channels
         * @param height height
         * @param width width
         * @return this builder
         */
        public Builder optOutputShape(int channels, int height, int width) {
            this.outputShape = new long[] {channels, height, width};
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public EqualizedLinear build() {
            if (units < 1) {
                throw new IllegalArgumentException("EqualizedLinear: setUnits(n >= 1) is required");
            }
            checkGain("EqualizedLinear", gain);
            if (outputShape != null && outputShape[0] * outputShape[1] * outputShape[2] != units) {
                throw new IllegalArgumentException(
                        "EqualizedLinear: an output shape of "
                                + outputShape[0]
                                + "x"
                                + outputShape[1]
                                + "x"
                                + outputShape[2]
                                + " does not hold "
                                + units
                                + " units");
            }
            return new EqualizedLinear(this);
        }
    }
}

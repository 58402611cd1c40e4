package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.Temporaries;

/**
 * StyleGAN2's fully-connected layer ({@code FullyConnectedLayer}): weight (out, in) stored as
 * {@code randn / lrMultiplier} and used as {@code weight · lrMultiplier / √in}; bias used as {@code
 * bias · lrMultiplier} (initialized to {@code biasInit}); then linear, or leaky ReLU 0.2 multiplied
 * by √2 <em>after</em> the activation. The mapping network uses lr multiplier 0.01; the styles'
 * affine layers bias init 1.
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020;
 * NVlabs/stylegan2-ada-pytorch {@code training/networks.py:FullyConnectedLayer}.
 */
public class FullyConnectedLayer extends AlphaBlock {

    private static final float SQRT2 = (float) Math.sqrt(2);

    private final int units;
    private final boolean lrelu;
    private final float lrMultiplier;
    private final Parameter weight;
    private final Parameter bias;

    private FullyConnectedLayer(Builder b) {
        this.units = b.units;
        this.lrelu = b.lrelu;
        this.lrMultiplier = b.lrMultiplier;
        weight = addParameter(ParameterSpecs.weight(new NormalInitializer(1f / b.lrMultiplier)));
        bias = addParameter(ParameterSpecs.bias(new ConstantInitializer(b.biasInit), null));
        describeAs("FullyConnected(" + units + (lrelu ? ", lrelu" : "") + ")");
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
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        weight.setShape(new Shape(units, in.get(in.dimension() - 1)));
        bias.setShape(new Shape(units));
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        long in = w.getShape().get(1);
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, " + in + "), got " + x.getShape());
        }
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        NDArray scaled =
                Temporaries.near(Scalars.mul(w, (float) (lrMultiplier / Math.sqrt(in))), x);
        NDArray y = x.matMul(scaled.transpose());
        y = y.add(lrMultiplier == 1f ? b : Temporaries.near(Scalars.mul(b, lrMultiplier), x));
        return lrelu ? Resample.biasAct(y, null, true, SQRT2, -1) : y;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    /** Builds a {@link FullyConnectedLayer}: {@code setUnits} is required. */
    public static final class Builder {
        private int units;
        private boolean lrelu;
        private float lrMultiplier = 1f;
        private float biasInit;

        private Builder() {}

        /**
         * Sets the output features.
         *
         * @param units the features
         * @return this builder
         */
        public Builder setUnits(int units) {
            this.units = units;
            return this;
        }

        /**
         * Uses leaky ReLU 0.2 with gain √2 (default linear).
         *
         * @return this builder
         */
        public Builder optLeakyRelu() {
            this.lrelu = true;
            return this;
        }

        /**
         * Sets the learning-rate multiplier (default 1; the mapping network's 0.01).
         *
         * @param lrMultiplier the multiplier
         * @return this builder
         */
        public Builder optLrMultiplier(float lrMultiplier) {
            this.lrMultiplier = lrMultiplier;
            return this;
        }

        /**
         * Sets the bias's initial value (default 0; 1 for the styles' affine layers).
         *
         * @param biasInit the value
         * @return this builder
         */
        public Builder optBiasInit(float biasInit) {
            this.biasInit = biasInit;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public FullyConnectedLayer build() {
            if (units < 1) {
                throw new IllegalArgumentException(
                        "FullyConnectedLayer: setUnits(n >= 1) is required");
            }
            if (!(lrMultiplier > 0) || Float.isInfinite(lrMultiplier)) {
                throw new IllegalArgumentException(
                        "FullyConnectedLayer: the lr multiplier must be > 0, got " + lrMultiplier);
            }
            return new FullyConnectedLayer(this);
        }
    }
}

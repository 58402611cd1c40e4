package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.core.Temporaries;

/**
 * DJL's {@link Conv2d} (same parameters, keys and metadata) that can absorb the batch norm that
 * follows it for inference: {@link #fold(BatchNorm2d)} scales the weight by {@code γ / √(σ² + ε)}
 * per output channel and keeps the norm's shift {@code β − μ γ / √(σ² + ε)} (plus the scaled conv
 * bias) as the convolution's bias, so eval runs one convolution with a bias epilogue instead of a
 * convolution and a normalization. Every convolution {@link Layers} builds is one of these.
 *
 * <p>Folding is in place and one way: a folded convolution refuses to train, and its weight holds
 * the folded values (keep an unfused copy for training or export).
 */
public class FoldableConv2d extends Conv2d {

    /** The folded norm's shift once {@link #fold} has run. */
    private volatile NDArray foldedBias;

    /**
     * Creates the convolution from DJL's builder settings.
     *
     * @param builder the settings
     */
    protected FoldableConv2d(Builder builder) {
        super(builder);
    }

    /**
     * Returns a builder (DJL's {@code Conv2d.builder()} settings).
     *
     * @return a new builder
     */
    public static Builder foldableBuilder() {
        return new Builder();
    }

    /**
     * Folds a batch norm applied directly to this convolution's output into it (the norm must then
     * be skipped by the caller, e.g. replaced by an identity).
     *
     * @param bn the norm that follows, initialized, with as many channels as this has filters
     * @throws IllegalStateException if this or the norm is not initialized, or already folded
     * @throws IllegalArgumentException if the channel counts differ
     */
    public void fold(BatchNorm2d bn) {
        if (foldedBias != null) {
            throw new IllegalStateException("this convolution already holds a folded norm");
        }
        if (!isInitialized() || !bn.isInitialized()) {
            throw new IllegalStateException("initialize the network before folding it");
        }
        NDArray w = weight.getArray();
        float[] gamma = bn.getParameters().get("weight").getArray().toFloatArray();
        if (gamma.length != filters) {
            throw new IllegalArgumentException(
                    "cannot fold " + bn.kind() + " into a convolution of " + filters + " filters");
        }
        float[] beta = bn.getParameters().get("bias").getArray().toFloatArray();
        float[] mean = bn.getParameters().get("running_mean").getArray().toFloatArray();
        float[] var = bn.getParameters().get("running_var").getArray().toFloatArray();
        float[] convBias = includeBias ? bias.getArray().toFloatArray() : new float[gamma.length];
        float[] values = w.toFloatArray();
        int per = values.length / gamma.length;
        float[] shift = new float[gamma.length];
        for (int o = 0; o < gamma.length; o++) {
            double scale = gamma[o] / Math.sqrt((double) var[o] + bn.getEps());
            for (int i = o * per; i < (o + 1) * per; i++) {
                values[i] = (float) (values[i] * scale);
            }
            shift[o] = (float) (beta[o] + (convBias[o] - (double) mean[o]) * scale);
        }
        Assign.copy(w, values);
        foldedBias = w.getManager().create(shift);
    }

    /**
     * Returns whether a norm has been folded into this convolution.
     *
     * @return whether folded
     */
    public boolean isFolded() {
        return foldedBias != null;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray b = foldedBias;
        if (b == null) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        if (training) {
            throw new IllegalStateException(
                    "this convolution's batch norm was folded into it for inference (fuse());"
                            + " train an unfused copy");
        }
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), false);
        if (!b.getDevice().equals(x.getDevice())) {
            b = Temporaries.near(b.toDevice(x.getDevice(), true), x);
        }
        return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /** DJL's {@code Conv2d} builder that builds a {@link FoldableConv2d}. */
    public static final class Builder extends Conv2d.Builder {
        private Builder() {}

        /** {@inheritDoc} */
        @Override
        public FoldableConv2d build() {
            validate();
            return new FoldableConv2d(this);
        }
    }
}

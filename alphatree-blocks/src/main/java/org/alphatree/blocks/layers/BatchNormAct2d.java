package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.runtime.InPlace;

/**
 * Batch norm followed by an activation in one module, as timm's {@code BatchNormAct2d}: the
 * parameters keep batch norm's keys ({@code norm1.weight}, not {@code norm1.bn.weight}).
 */
public class BatchNormAct2d extends BatchNorm2d {

    private final Activation.Type act;

    /**
     * Creates a BN + ReLU with PyTorch's defaults.
     *
     * @param numFeatures channels
     */
    public BatchNormAct2d(long numFeatures) {
        this(numFeatures, 1e-5f, 0.1f, Activation.Type.RELU);
    }

    /**
     * Creates a BN + activation.
     *
     * @param numFeatures channels
     * @param eps added to the variance
     * @param momentum PyTorch momentum
     * @param act the activation
     */
    public BatchNormAct2d(long numFeatures, float eps, float momentum, Activation.Type act) {
        this(numFeatures, eps, momentum, act, false);
    }

    private BatchNormAct2d(
            long numFeatures, float eps, float momentum, Activation.Type act, boolean lazy) {
        super(numFeatures, eps, momentum, lazy);
        this.act = act;
    }

    /**
     * Creates a BN + activation that takes its channel count from the first input.
     *
     * @param eps added to the variance
     * @param momentum PyTorch momentum
     * @param act the activation
     * @return the block
     */
    public static BatchNormAct2d lazy(float eps, float momentum, Activation.Type act) {
        return new BatchNormAct2d(0, eps, momentum, act, true);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return super.kind().replace("BatchNorm2d", "BatchNormAct2d")
                + " + "
                + act.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns the activation that follows the norm.
     *
     * @return the activation type
     */
    public Activation.Type getActivation() {
        return act;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray bn = super.forwardInternal(ps, inputs, training, params).head();
        // the norm's output is this layer's own: in inference a ReLU runs in place
        NDArray y = act == Activation.Type.RELU && !training ? InPlace.relu(bn) : act.apply(bn);
        if (y != bn) {
            bn.close();
        }
        return new NDList(y);
    }
}

package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch norm followed by an activation in one module, as timm's {@code BatchNormAct2d}: the
 * parameters keep batch norm's keys ({@code norm1.weight}, not {@code norm1.bn.weight}).
 */
public class BatchNormAct2d extends BatchNorm2d {

    private final Activation.Type act;

    /**
     * Creates a BN + ReLU with PyTorch's defaults.
     *
     * @param numFeatures channels, or -1 to take them from the input
     */
    public BatchNormAct2d(long numFeatures) {
        this(numFeatures, 1e-5f, 0.1f, Activation.Type.RELU);
    }

    /**
     * Creates a BN + activation.
     *
     * @param numFeatures channels, or -1 to take them from the input
     * @param eps added to the variance
     * @param momentum PyTorch momentum
     * @param act the activation
     */
    public BatchNormAct2d(long numFeatures, float eps, float momentum, Activation.Type act) {
        super(numFeatures, eps, momentum);
        this.act = act;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return super.kind().replace("BatchNorm2d", "BatchNormAct2d")
                + " + "
                + act.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray bn = super.forwardInternal(ps, inputs, training, params).head();
        NDArray y = act.apply(bn);
        if (y != bn) {
            bn.close();
        }
        return new NDList(y);
    }
}

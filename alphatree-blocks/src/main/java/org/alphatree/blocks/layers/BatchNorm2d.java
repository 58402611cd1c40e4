package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.FreshOutput;
import org.alphatree.blocks.core.Kind;

/**
 * Batch normalization over the channel axis of NCHW input, with PyTorch's parameter names ({@code
 * weight}, {@code bias}, {@code running_mean}, {@code running_var}) and PyTorch's momentum
 * semantics: {@code running = (1 - momentum) * running + momentum * batch}, the running variance
 * being updated with the unbiased batch variance.
 *
 * <p>Ioffe &amp; Szegedy, "Batch Normalization: Accelerating Deep Network Training by Reducing
 * Internal Covariate Shift", ICML 2015.
 */
public class BatchNorm2d extends AbstractBlock implements Kind, FreshOutput {

    private final long numFeatures;
    private final float eps;
    private final float momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * Creates a batch norm with PyTorch's defaults, eps 1e-5 and momentum 0.1.
     *
     * @param numFeatures the channel count
     */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, 1e-5f, 0.1f);
    }

    /**
     * Creates a batch norm that takes its channel count from the first input (PyTorch's {@code
     * LazyBatchNorm2d}).
     *
     * @param eps added to the variance
     * @param momentum PyTorch momentum
     * @return the block
     */
    public static BatchNorm2d lazy(float eps, float momentum) {
        return new BatchNorm2d(0, eps, momentum, true);
    }

    /**
     * Returns a factory of batch norms with these settings, for {@link ConvNormAct}'s {@code
     * optNorm}.
     *
     * @param eps added to the variance (PyTorch 1e-5; Inception and DPN 1e-3)
     * @param momentum PyTorch momentum (0.1)
     * @return channels to a new batch norm
     */
    public static java.util.function.IntFunction<ai.djl.nn.Block> factory(
            float eps, float momentum) {
        return c -> new BatchNorm2d(c, eps, momentum);
    }

    /**
     * Creates a batch norm.
     *
     * @param numFeatures the channel count
     * @param eps added to the variance
     * @param momentum PyTorch momentum: weight of the batch statistic in the running average
     */
    public BatchNorm2d(long numFeatures, float eps, float momentum) {
        this(numFeatures, eps, momentum, false);
    }

    /**
     * Creates a batch norm, lazy or with a fixed channel count.
     *
     * @param numFeatures the channel count (ignored when lazy)
     * @param eps added to the variance
     * @param momentum PyTorch momentum
     * @param lazy whether to take the channel count from the first input
     */
    protected BatchNorm2d(long numFeatures, float eps, float momentum, boolean lazy) {
        super((byte) 1);
        if (!lazy && numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures must be positive, got " + numFeatures);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
        this.numFeatures = lazy ? 0 : numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.GAMMA)
                                .build());
        bias =
                addParameter(
                        Parameter.builder().setName("bias").setType(Parameter.Type.BETA).build());
        runningMean =
                addParameter(
                        Parameter.builder()
                                .setName("running_mean")
                                .setType(Parameter.Type.RUNNING_MEAN)
                                .optRequiresGrad(false)
                                .build());
        runningVar =
                addParameter(
                        Parameter.builder()
                                .setName("running_var")
                                .setType(Parameter.Type.RUNNING_VAR)
                                .optRequiresGrad(false)
                                .build());
    }

    /**
     * Returns eps.
     *
     * @return eps
     */
    public float getEps() {
        return eps;
    }

    /**
     * Returns the PyTorch momentum.
     *
     * @return momentum
     */
    public float getMomentum() {
        return momentum;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        Shape s = weight.getShape();
        return "BatchNorm2d(" + (s != null ? s.get(0) : numFeatures) + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        long c = inputShapes[0].get(1);
        if (numFeatures > 0 && c != numFeatures) { // 0: lazy
            throw new IllegalArgumentException(
                    "BatchNorm2d(" + numFeatures + ") got " + c + " channels");
        }
        Shape s = new Shape(c);
        weight.setShape(s);
        bias.setShape(s);
        runningMean.setShape(s);
        runningVar.setShape(s);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        long c = w.getShape().get(0);
        if (x.getShape().dimension() < 2 || x.getShape().get(1) != c) {
            throw new IllegalArgumentException("expected (N, " + c + ", ...)");
        }
        // axis -1 selects libtorch's native batch_norm (channels on dim 1); DJL passes
        // (1 - momentum) to it, so we hand over the complement of PyTorch's momentum.
        return x.getNDArrayInternal()
                .batchNorm(
                        x,
                        ps.getValue(runningMean, x.getDevice(), training),
                        ps.getValue(runningVar, x.getDevice(), training),
                        w,
                        ps.getValue(bias, x.getDevice(), training),
                        -1,
                        1f - momentum,
                        eps,
                        training);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

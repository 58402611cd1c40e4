package org.alphatree.blocks.gan.improved;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.alphatree.blocks.core.LeafBlock;
import org.alphatree.blocks.core.ParameterSpecs;

/**
 * Minibatch discrimination (Salimans et al. 2016, §3.2), as openai/improved-gan's {@code
 * MinibatchLayer}: the input (N, A) (flattened) is projected by a weight-normalized tensor {@code W
 * = θ · exp(s) / ‖θ‖_A} (θ (A, B, C) ~ N(0, 0.05), log-scale s (B, C) = 0) to M (N, B, C); for each
 * of the B kernels, {@code c_b(i, j) = exp(−Σ_c |M_i,b,c − M_j,b,c|)} over the other samples j ≠ i
 * (the self-pair is masked by adding 10⁶ to its distance, as the reference does), {@code o_b(i) =
 * Σ_j c_b(i, j) + b_b} with b (B) = −1; the output is [x, o] (N, A + B). The reference's
 * data-dependent initialization of s and b (one pass over a first batch) is not part of the block.
 * Parameters {@code theta}, {@code log_weight_scale}, {@code b}.
 *
 * <p>Salimans, Goodfellow, Zaremba, Cheung, Radford &amp; Chen, "Improved Techniques for Training
 * GANs", NeurIPS 2016; openai/improved-gan {@code mnist_svhn_cifar10/nn.py}.
 */
public class MinibatchDiscrimination extends LeafBlock {

    private final int kernels;
    private final int dims;
    private final Parameter theta;
    private final Parameter logWeightScale;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param kernels B, the number of kernels (openai: 100 on CIFAR)
     * @param dims C, dimensions per kernel (openai: 5)
     */
    public MinibatchDiscrimination(int kernels, int dims) {
        super((byte) 1);
        if (kernels < 1 || dims < 1) {
            throw new IllegalArgumentException(
                    "minibatch discrimination needs kernels >= 1 and dims >= 1, got "
                            + kernels
                            + " and "
                            + dims);
        }
        this.kernels = kernels;
        this.dims = dims;
        theta =
                addParameter(
                        ParameterSpecs.trainable(
                                "theta",
                                Parameter.Type.WEIGHT,
                                new NormalInitializer(0.05f),
                                null));
        logWeightScale =
                addParameter(
                        ParameterSpecs.trainable(
                                "log_weight_scale",
                                Parameter.Type.OTHER,
                                Initializer.ZEROS,
                                new Shape(kernels, dims)));
        bias =
                addParameter(
                        ParameterSpecs.trainable(
                                "b",
                                Parameter.Type.BIAS,
                                new ConstantInitializer(-1f),
                                new Shape(kernels)));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "MinibatchDiscrimination(" + kernels + "x" + dims + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        theta.setShape(new Shape(inputShapes[0].size() / inputShapes[0].get(0), kernels, dims));
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray in, boolean training) {
        NDArray t = ps.getValue(theta, in.getDevice(), training);
        long a = t.getShape().get(0);
        long n = in.getShape().get(0);
        if (in.getShape().size() != n * a) {
            throw new IllegalArgumentException(
                    kind() + ": expected " + a + " features per sample, got " + in.getShape());
        }
        NDArray x = in.reshape(n, a);
        NDArray s = ps.getValue(logWeightScale, in.getDevice(), training);
        NDArray b = ps.getValue(bias, in.getDevice(), training);
        NDArray norm = t.square().sum(new int[] {0}).sqrt(); // (B, C)
        NDArray w = t.mul(s.exp().div(norm)); // (A, B, C)
        NDArray m = x.matMul(w.reshape(a, (long) kernels * dims)).reshape(n, kernels, dims);
        NDArray diff = m.expandDims(3).sub(m.transpose(1, 2, 0).expandDims(0)); // (N, B, C, N)
        NDArray dist = diff.abs().sum(new int[] {2}); // (N, B, N)
        NDArray mask = in.getManager().eye((int) n).mul(1e6f).expandDims(1); // (N, 1, N)
        NDArray o = dist.add(mask).neg().exp().sum(new int[] {2}).add(b); // (N, B)
        return NDArrays.concat(new NDList(x, o), 1);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, inputShapes[0].size() / n + kernels)};
    }
}

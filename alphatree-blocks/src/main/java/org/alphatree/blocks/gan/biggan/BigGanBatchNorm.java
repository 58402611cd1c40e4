package org.alphatree.blocks.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;

/**
 * BigGAN's batch norms. {@link #conditional}: {@code ccbn} — batch norm without affine on the
 * stored statistics {@code stored_mean}/{@code stored_var} (batch statistics and a momentum-0.1
 * update in training, ε 1e-5), then {@code out·(1 + gain(y)) + bias(y)} with {@code gain} and
 * {@code bias} spectrally normalized linear layers without bias on the conditioning vector y (the
 * shared class embedding with a chunk of z). {@link #plain}: {@code layers.bn}, the same with the
 * learned per-channel {@code gain} and {@code bias} (the generator's output layer).
 *
 * <p>Brock, Donahue &amp; Simonyan, "Large Scale GAN Training for High Fidelity Natural Image
 * Synthesis", ICLR 2019, §3 and appendix B; de Vries et al., "Modulating early visual processing by
 * language", NeurIPS 2017; ajbrock/BigGAN-PyTorch {@code layers.py:ccbn, bn}.
 */
public class BigGanBatchNorm extends AlphaBlock {

    private static final float MOMENTUM = 0.1f;

    private final int channels;
    private final float eps;
    private final boolean conditional;
    private final Parameter storedMean;
    private final Parameter storedVar;
    private final Parameter gain;
    private final Parameter bias;

    private BigGanBatchNorm(int channels, float eps, boolean conditional, float snEps) {
        if (channels < 1 || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "BigGanBatchNorm: channels >= 1 and eps > 0 expected");
        }
        this.channels = channels;
        this.eps = eps;
        this.conditional = conditional;
        if (conditional) {
            add("gain", SnLayer.linear(channels, false, snEps));
            add("bias", SnLayer.linear(channels, false, snEps));
            gain = null;
            bias = null;
        } else {
            gain = vector("gain", Parameter.Type.GAMMA, Initializer.ONES, true);
            bias = vector("bias", Parameter.Type.BETA, Initializer.ZEROS, true);
        }
        storedMean = vector("stored_mean", Parameter.Type.RUNNING_MEAN, Initializer.ZEROS, false);
        storedVar = vector("stored_var", Parameter.Type.RUNNING_VAR, Initializer.ONES, false);
        describeAs((conditional ? "ccbn(" : "bn(") + channels + ")");
    }

    private Parameter vector(String name, Parameter.Type type, Initializer init, boolean grad) {
        Shape s = new Shape(channels);
        return addParameter(
                grad
                        ? ParameterSpecs.trainable(name, type, init, s)
                        : ParameterSpecs.buffer(name, type, init, s));
    }

    /**
     * {@code ccbn(channels, …)}: inputs (x, y).
     *
     * @param channels channels
     * @param eps BN ε (1e-5)
     * @param snEps the gain/bias layers' spectral-norm ε
     * @return the block
     */
    public static BigGanBatchNorm conditional(int channels, float eps, float snEps) {
        return new BigGanBatchNorm(channels, eps, true, snEps);
    }

    /**
     * {@code layers.bn(channels)}: input x.
     *
     * @param channels channels
     * @param eps BN ε (1e-5)
     * @return the block
     */
    public static BigGanBatchNorm plain(int channels, float eps) {
        return new BigGanBatchNorm(channels, eps, false, 1e-12f);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, " + channels + ", H, W), got " + x.getShape());
        }
        NDArray mean = ps.getValue(storedMean, x.getDevice(), training);
        NDArray var = ps.getValue(storedVar, x.getDevice(), training);
        NDArray g;
        NDArray b;
        if (conditional) {
            if (inputs.size() != 2) {
                throw new IllegalArgumentException(kind() + ": expected inputs (x, y)");
            }
            NDArray y = inputs.get(1);
            long n = x.getShape().get(0);
            g = call("gain", ps, y, training).add(1f).reshape(n, channels, 1, 1);
            b = call("bias", ps, y, training).reshape(n, channels, 1, 1);
        } else {
            g = ps.getValue(gain, x.getDevice(), training);
            b = ps.getValue(bias, x.getDevice(), training);
        }
        boolean update = training && !initializing();
        NDArray normed;
        if (conditional) {
            // libtorch's batch_norm without affine (ones/zeros), as F.batch_norm(x, …, None, None)
            try (NDArray one =
                            x.getManager()
                                    .ones(new Shape(channels), x.getDataType(), x.getDevice());
                    NDArray zero =
                            x.getManager()
                                    .zeros(new Shape(channels), x.getDataType(), x.getDevice())) {
                normed = batchNorm(x, mean, var, one, zero, update, training);
            }
            return new NDList(normed.mul(g).add(b));
        }
        return new NDList(batchNorm(x, mean, var, g, b, update, training));
    }

    private NDArray batchNorm(
            NDArray x,
            NDArray mean,
            NDArray var,
            NDArray g,
            NDArray b,
            boolean update,
            boolean training) {
        if (training && !update) {
            // the initialization pass: batch statistics without touching the stored ones
            mean = mean.duplicate();
            var = var.duplicate();
        }
        // axis -1: libtorch's native batch_norm; DJL hands it (1 - momentum)
        return x.getNDArrayInternal()
                .batchNorm(x, mean, var, g, b, -1, 1f - MOMENTUM, eps, training)
                .singletonOrThrow();
    }
}

package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.core.Checks;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.Temporaries;
import org.alphatree.blocks.gan.progan.PixelNorm;

/**
 * StyleGAN2's mapping network: z (N, z_dim) → normalized to unit second moment (pixel norm, ε 1e-8)
 * → {@code fc0 … fc<n−1>} ({@link FullyConnectedLayer}, leaky ReLU, lr multiplier 0.01) → w,
 * broadcast to (N, num_ws, w_dim). In training each forward moves the tracked average {@code w_avg
 * ← lerp(mean_N w, w_avg, β)} (β 0.995) unless told not to (the second mapping of style mixing).
 * Truncation ψ ≠ 1 returns {@code w_avg + ψ·(w − w_avg)} for the first {@code cutoff} ws (all when
 * cutoff is 0), the paper's truncation trick in W.
 *
 * <p>Karras, Laine &amp; Aila, "A Style-Based Generator Architecture for GANs", CVPR 2019, §2 and
 * §3.3 (truncation); Karras et al., CVPR 2020; NVlabs/stylegan2-ada-pytorch {@code
 * training/networks.py:MappingNetwork}.
 */
public class MappingNetwork extends AlphaBlock {

    private final int zDim;
    private final int wDim;
    private final int numWs;
    private final int layers;
    private final float wAvgBeta;
    private final Parameter wAvg;
    private float psi = 1f;
    private int cutoff;

    /**
     * Creates the network.
     *
     * @param zDim the latent size
     * @param wDim the w size (also every hidden layer's)
     * @param numWs ws to broadcast to
     * @param layers fully-connected layers (8 in the paper)
     * @param lrMultiplier their learning-rate multiplier (0.01)
     * @param wAvgBeta the decay of the tracked average (0.995)
     */
    public MappingNetwork(
            int zDim, int wDim, int numWs, int layers, float lrMultiplier, float wAvgBeta) {
        if (zDim < 1 || wDim < 1 || numWs < 1 || layers < 1) {
            throw new IllegalArgumentException(
                    "MappingNetwork: zDim, wDim, numWs and layers >= 1 expected");
        }
        Checks.rate(wAvgBeta, "MappingNetwork: the w_avg decay");
        this.zDim = zDim;
        this.wDim = wDim;
        this.numWs = numWs;
        this.layers = layers;
        this.wAvgBeta = wAvgBeta;
        for (int i = 0; i < layers; i++) {
            add(
                    "fc" + i,
                    FullyConnectedLayer.builder()
                            .setUnits(wDim)
                            .optLeakyRelu()
                            .optLrMultiplier(lrMultiplier)
                            .build());
        }
        wAvg =
                addParameter(
                        ParameterSpecs.buffer(
                                "w_avg",
                                Parameter.Type.RUNNING_MEAN,
                                Initializer.ZEROS,
                                new Shape(wDim)));
        describeAs("MappingNetwork(" + layers + " x FC " + wDim + ")");
    }

    /**
     * Sets the truncation (ψ 1 = none).
     *
     * @param psi ψ, finite
     * @param cutoff truncate the first {@code cutoff} ws only; 0 = all
     */
    public void setTruncation(float psi, int cutoff) {
        if (!Float.isFinite(psi) || cutoff < 0 || cutoff > numWs) {
            throw new IllegalArgumentException(
                    "truncation: a finite ψ and a cutoff in [0, "
                            + numWs
                            + "] expected, got ψ "
                            + psi
                            + ", cutoff "
                            + cutoff);
        }
        this.psi = psi;
        this.cutoff = cutoff;
    }

    /**
     * Returns the number of ws.
     *
     * @return num_ws
     */
    public int numWs() {
        return numWs;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(map(ps, inputs.singletonOrThrow(), training, true));
    }

    /**
     * Maps latents to ws.
     *
     * @param ps the parameter store
     * @param z (N, z_dim)
     * @param training training mode
     * @param updateAverage whether a training forward moves {@code w_avg}
     * @return (N, num_ws, w_dim)
     */
    public NDArray map(ParameterStore ps, NDArray z, boolean training, boolean updateAverage) {
        if (z.getShape().dimension() != 2 || z.getShape().get(1) != zDim) {
            throw new IllegalArgumentException(
                    kind() + ": expected latents (N, " + zDim + "), got " + z.getShape());
        }
        NDArray x = PixelNorm.pixelNorm(z);
        for (int i = 0; i < layers; i++) {
            x = call("fc" + i, ps, x, training);
        }
        NDArray avg = ps.getValue(wAvg, x.getDevice(), training);
        if (training && updateAverage && !initializing()) {
            NDArray mean = x.stopGradient().mean(new int[] {0});
            NDArray moved = mean.add(Scalars.mul(Temporaries.near(avg.sub(mean), x), wAvgBeta));
            Assign.copy(wAvg.getArray(), moved);
        }
        long n = x.getShape().get(0);
        NDArray ws = x.expandDims(1).broadcast(n, numWs, wDim);
        if (psi != 1f) {
            NDArray a = Temporaries.near(avg.stopGradient(), x).reshape(1, 1, wDim);
            if (cutoff == 0 || cutoff == numWs) {
                ws = a.add(Scalars.mul(ws.sub(a), psi));
            } else {
                NDArray head = ws.get(":, :" + cutoff + ", :");
                NDArray tail = ws.get(":, " + cutoff + ":, :");
                ws = NDArrays.concat(new NDList(a.add(Scalars.mul(head.sub(a), psi)), tail), 1);
            }
        }
        return ws;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numWs, wDim)};
    }
}

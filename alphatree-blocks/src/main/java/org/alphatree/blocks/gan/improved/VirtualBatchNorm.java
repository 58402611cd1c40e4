package org.alphatree.blocks.gan.improved;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Kind;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Scalars;

/**
 * Virtual batch normalization (Salimans et al. 2016, §3.4), as openai/improved-gan's {@code VBN}:
 * each example is normalized with statistics of a fixed <em>reference batch</em> of B samples,
 * mixed with its own: per channel {@code μ = x̄_i/(B+1) + μ_ref·B/(B+1)} and likewise for the mean
 * square, x̄_i over the example's H×W; {@code σ = √(1e-5 + E[x²] − μ²)}; output {@code γ·(x − μ)/σ
 * + β}, γ ~ N(1, 0.02), β = 0. The reference batch itself is normalized with its own statistics
 * (over N, H, W). Inputs (x, reference), both (·, C, H, W); outputs (x normalized, reference
 * normalized). The reference's statistics are computed in the graph, so gradients reach whatever
 * produced the reference batch, as in the TF code. Parameters {@code gamma}, {@code beta} (C).
 *
 * <p>Salimans, Goodfellow, Zaremba, Cheung, Radford &amp; Chen, "Improved Techniques for Training
 * GANs", NeurIPS 2016; openai/improved-gan {@code imagenet/model.py}.
 */
public class VirtualBatchNorm extends AbstractBlock implements Kind {

    /** The reference's ε. */
    public static final float EPSILON = 1e-5f;

    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;

    /**
     * Creates the layer.
     *
     * @param channels C
     */
    public VirtualBatchNorm(int channels) {
        super((byte) 1);
        if (channels < 1) {
            throw new IllegalArgumentException("VBN needs channels >= 1, got " + channels);
        }
        this.channels = channels;
        gamma =
                addParameter(
                        ParameterSpecs.trainable(
                                "gamma",
                                Parameter.Type.GAMMA,
                                (m, shape, type) ->
                                        new NormalInitializer(0.02f)
                                                .initialize(m, shape, type)
                                                .add(1f),
                                new Shape(channels)));
        beta =
                addParameter(
                        ParameterSpecs.trainable(
                                "beta",
                                Parameter.Type.BETA,
                                Initializer.ZEROS,
                                new Shape(channels)));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "VirtualBatchNorm(" + channels + ")";
    }

    /** Per-channel mean over the given single axes, kept as (·, C, 1, 1). */
    private static NDArray meanHw(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(
                    kind() + ": expected two inputs (x, reference batch), got " + inputs.size());
        }
        NDArray x = inputs.get(0);
        NDArray ref = inputs.get(1);
        for (NDArray a : new NDArray[] {x, ref}) {
            if (a.getShape().dimension() != 4 || a.getShape().get(1) != channels) {
                throw new IllegalArgumentException(
                        kind() + ": expected (N, " + channels + ", H, W), got " + a.getShape());
            }
        }
        NDArray g = ps.getValue(gamma, x.getDevice(), training).reshape(1, channels, 1, 1);
        NDArray b = ps.getValue(beta, x.getDevice(), training).reshape(1, channels, 1, 1);
        NDArray refMean = meanHw(ref).mean(new int[] {0}, true);
        NDArray refSq = meanHw(ref.square()).mean(new int[] {0}, true);
        float fresh = 1f / (ref.getShape().get(0) + 1f);
        NDArray mean = Scalars.mul(meanHw(x), fresh).add(Scalars.mul(refMean, 1 - fresh));
        NDArray sq = Scalars.mul(meanHw(x.square()), fresh).add(Scalars.mul(refSq, 1 - fresh));
        return new NDList(normalize(x, mean, sq, g, b), normalize(ref, refMean, refSq, g, b));
    }

    private static NDArray normalize(NDArray x, NDArray mean, NDArray sq, NDArray g, NDArray b) {
        NDArray std = sq.sub(mean.square()).add(EPSILON).sqrt();
        return x.sub(mean).div(std).mul(g).add(b);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }
}

package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Feature matching (Salimans et al. 2016, §3.1): the generator matches the batch mean of an
 * intermediate discriminator layer's features on real data instead of maximizing the output. {@code
 * evaluate(labels, predictions)} takes the features (N, F…) of real samples as {@code labels} and
 * of generated samples as {@code predictions}; the result is a scalar (reductions do not apply).
 *
 * <ul>
 *   <li>{@link Norm#L1_MEAN} (default): {@code mean_f |E f(x) − E f(G(z))|}, openai/improved-gan's
 *       code ({@code T.mean(abs(m1 − m2))} in {@code train_cifar_feature_matching.py});
 *   <li>{@link Norm#SQUARED_L2}: {@code ‖E f(x) − E f(G(z))‖²₂}, the paper's formula.
 * </ul>
 *
 * <p>Salimans, Goodfellow, Zaremba, Cheung, Radford &amp; Chen, "Improved Techniques for Training
 * GANs", NeurIPS 2016.
 */
public final class FeatureMatchingLoss extends GanLoss {

    /** How the difference of the feature means is measured. */
    public enum Norm {
        /** The mean absolute difference (openai's code). */
        L1_MEAN,
        /** The squared Euclidean norm (the paper). */
        SQUARED_L2
    }

    private final Norm norm;

    /**
     * Creates the loss.
     *
     * @param norm the norm
     */
    public FeatureMatchingLoss(Norm norm) {
        super("FeatureMatching" + norm, Reduction.MEAN);
        this.norm = norm;
    }

    /** Creates openai's L1-of-means loss. */
    public FeatureMatchingLoss() {
        this(Norm.L1_MEAN);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray r = real(labels);
        NDArray f = fake(predictions);
        long n = r.getShape().get(0);
        long m = f.getShape().get(0);
        long dims = r.getShape().size() / n;
        if (f.getShape().size() / m != dims) {
            throw new IllegalArgumentException(
                    "feature matching: real features "
                            + r.getShape()
                            + " and generated "
                            + f.getShape()
                            + " differ per sample");
        }
        NDArray d =
                r.reshape(n, dims).mean(new int[] {0}).sub(f.reshape(m, dims).mean(new int[] {0}));
        return norm == Norm.L1_MEAN ? d.abs().mean() : d.square().sum();
    }
}

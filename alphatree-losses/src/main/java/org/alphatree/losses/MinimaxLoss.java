package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.alphatree.blocks.core.Checks;

/**
 * The original GAN losses on discriminator logits (Goodfellow et al., "Generative Adversarial
 * Nets", NeurIPS 2014), with TF-GAN's conventions.
 *
 * <ul>
 *   <li>{@link #discriminator}: {@code CE(D(x), y) + CE(D(G(z)), 0)} with sigmoid cross-entropy
 *       {@code CE(l, y) = softplus(l) − l·y}; one-sided label smoothing {@code s} makes the real
 *       label {@code y = 1 − s/2} (TF's {@code label_smoothing}, as TF-GAN's default 0.25).
 *   <li>{@link #generator}: the saturating {@code −CE(D(G(z)), 0) = mean log(1 − D(G(z)))};
 *       TF-GAN's version also subtracts the constant {@code log(1 + e⁻¹)} (the real term of its
 *       discriminator loss at logit 1), available with {@code tfGanConstant}.
 *   <li>{@link #nonSaturatingGenerator}: {@code CE(D(G(z)), 1) = −log D(G(z))}.
 * </ul>
 */
public final class MinimaxLoss extends GanLoss {

    /** Which of the three losses. */
    public enum Kind {
        /** The discriminator's loss. */
        DISCRIMINATOR,
        /** The saturating generator loss. */
        GENERATOR,
        /** The non-saturating generator loss. */
        NON_SATURATING_GENERATOR
    }

    private final Kind kind;
    private final float smoothing;
    private final boolean tfGanConstant;

    private MinimaxLoss(Kind kind, float smoothing, boolean tfGanConstant, Reduction reduction) {
        super("Minimax" + kind, reduction);
        this.kind = kind;
        this.smoothing = Checks.rate(smoothing, "label smoothing");
        this.tfGanConstant = tfGanConstant;
    }

    /**
     * The discriminator loss.
     *
     * @param labelSmoothing one-sided smoothing s (real label 1 − s/2); 0 for none
     * @param reduction the reduction
     * @return the loss
     */
    public static MinimaxLoss discriminator(float labelSmoothing, Reduction reduction) {
        return new MinimaxLoss(Kind.DISCRIMINATOR, labelSmoothing, false, reduction);
    }

    /**
     * The discriminator loss with one-sided label smoothing given as the real target (Salimans et
     * al. 2016, §3.4: "replaces the 1 targets with .9"; openai/improved-gan's ImageNet code uses
     * 0.75); generated samples keep the target 0.
     *
     * @param realTarget the real samples' target, in (0.5, 1]; 1 for no smoothing
     * @param reduction the reduction
     * @return the loss
     */
    public static MinimaxLoss discriminatorWithRealTarget(float realTarget, Reduction reduction) {
        if (!(realTarget > 0.5f && realTarget <= 1f)) {
            throw new IllegalArgumentException(
                    "one-sided label smoothing: the real target must be in (0.5, 1], got "
                            + realTarget);
        }
        return new MinimaxLoss(Kind.DISCRIMINATOR, 2 * (1 - realTarget), false, reduction);
    }

    /**
     * The saturating generator loss.
     *
     * @param tfGanConstant subtract {@code log(1 + e⁻¹)} as TF-GAN does (no effect on gradients)
     * @param reduction the reduction
     * @return the loss
     */
    public static MinimaxLoss generator(boolean tfGanConstant, Reduction reduction) {
        return new MinimaxLoss(Kind.GENERATOR, 0, tfGanConstant, reduction);
    }

    /**
     * The non-saturating generator loss.
     *
     * @param reduction the reduction
     * @return the loss
     */
    public static MinimaxLoss nonSaturatingGenerator(Reduction reduction) {
        return new MinimaxLoss(Kind.NON_SATURATING_GENERATOR, 0, false, reduction);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray f = fake(predictions);
        switch (kind) {
            case DISCRIMINATOR -> {
                NDArray r = real(labels);
                float y = 1 - smoothing / 2;
                return reduce(softplus(r).sub(Scalars.mul(r, y)), softplus(f));
            }
            case GENERATOR -> {
                NDArray l = reduce(softplus(f).neg());
                return tfGanConstant ? l.sub((float) Math.log1p(Math.exp(-1))) : l;
            }
            default -> {
                return reduce(softplus(f.neg()));
            }
        }
    }
}

package org.alphatree.losses.training;

import java.util.Locale;
import org.alphatree.losses.GanLoss;
import org.alphatree.losses.HingeLoss;
import org.alphatree.losses.LeastSquaresLoss;
import org.alphatree.losses.MinimaxLoss;
import org.alphatree.losses.Reduction;
import org.alphatree.losses.RelativisticLoss;
import org.alphatree.losses.WassersteinLoss;

/**
 * A GAN objective: the critic's and the generator's loss, and whether a penalty or clipping goes
 * with them.
 */
public enum Objective {
    /** WGAN with gradient penalty (λ 10), 5 critic steps per generator step by convention. */
    WGAN_GP(
            WassersteinLoss.critic(Reduction.MEAN),
            WassersteinLoss.generator(Reduction.MEAN),
            true,
            false),
    /** WGAN with weight clipping (±0.01). */
    WGAN(
            WassersteinLoss.critic(Reduction.MEAN),
            WassersteinLoss.generator(Reduction.MEAN),
            false,
            true),
    /** Least squares. */
    LSGAN(
            LeastSquaresLoss.discriminator(0, 1, Reduction.MEAN),
            LeastSquaresLoss.generator(1, Reduction.MEAN),
            false,
            false),
    /** Hinge. */
    HINGE(
            HingeLoss.discriminator(Reduction.MEAN),
            HingeLoss.generator(Reduction.MEAN),
            false,
            false),
    /** The original minimax discriminator with the non-saturating generator. */
    NS(
            MinimaxLoss.discriminator(0, Reduction.MEAN),
            MinimaxLoss.nonSaturatingGenerator(Reduction.MEAN),
            false,
            false),
    /** Relativistic average least squares. */
    RALSGAN(
            new RelativisticLoss(RelativisticLoss.Type.RALSGAN, true, Reduction.MEAN),
            new RelativisticLoss(RelativisticLoss.Type.RALSGAN, false, Reduction.MEAN),
            false,
            false);

    private final GanLoss critic;
    private final GanLoss generator;
    private final boolean gradientPenalty;
    private final boolean clipping;

    Objective(GanLoss critic, GanLoss generator, boolean gradientPenalty, boolean clipping) {
        this.critic = critic;
        this.generator = generator;
        this.gradientPenalty = gradientPenalty;
        this.clipping = clipping;
    }

    /**
     * Parses a CLI name: {@code wgan-gp}, {@code wgan}, {@code lsgan}, {@code hinge}, {@code ns},
     * {@code ralsgan}.
     *
     * @param name the name
     * @return the objective
     */
    public static Objective parse(String name) {
        String n = name.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Objective o : values()) {
            if (o.name().equals(n)) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "unknown loss '" + name + "'; use one of wgan-gp, wgan, lsgan, hinge, ns, ralsgan");
    }

    /**
     * Returns the critic's loss.
     *
     * @return the loss
     */
    public GanLoss critic() {
        return critic;
    }

    /**
     * Returns the generator's loss.
     *
     * @return the loss
     */
    public GanLoss generator() {
        return generator;
    }

    /**
     * Whether the WGAN-GP penalty is added to the critic's loss.
     *
     * @return true for WGAN-GP
     */
    public boolean gradientPenalty() {
        return gradientPenalty;
    }

    /**
     * Whether the critic's weights are clipped after each step.
     *
     * @return true for WGAN
     */
    public boolean clipping() {
        return clipping;
    }

    /**
     * The CLI name.
     *
     * @return e.g. {@code wgan-gp}
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

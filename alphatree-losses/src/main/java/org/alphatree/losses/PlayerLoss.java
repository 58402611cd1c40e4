package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A GAN loss made for one player: the discriminator (critic) form or the generator form of the same
 * objective, chosen by a factory ({@link HingeLoss#discriminator}, {@link
 * WassersteinLoss#generator}, ...) and named {@code <family>-D} or {@code <family>-G}. The
 * arguments follow {@link GanLoss}: outputs on real samples as labels, on generated ones as
 * predictions; the discriminator form needs both.
 */
public abstract class PlayerLoss extends GanLoss {

    private final boolean discriminator;

    /**
     * Creates the loss.
     *
     * @param family the family's name, e.g. {@code Hinge}
     * @param discriminator true for the discriminator's (critic's) form
     * @param reduction the reduction
     */
    protected PlayerLoss(String family, boolean discriminator, Reduction reduction) {
        super(family + (discriminator ? "-D" : "-G"), reduction);
        this.discriminator = discriminator;
    }

    /**
     * Returns whether this is the discriminator's (critic's) form.
     *
     * @return true for the discriminator, false for the generator
     */
    public boolean isDiscriminator() {
        return discriminator;
    }

    /** {@inheritDoc} */
    @Override
    public final NDArray evaluate(NDList labels, NDList predictions) {
        NDArray fake = fake(predictions);
        return discriminator ? discriminatorLoss(real(labels), fake) : generatorLoss(labels, fake);
    }

    /**
     * The discriminator's (critic's) loss.
     *
     * @param real the critic's outputs on real samples
     * @param fake its outputs on generated samples
     * @return the reduced loss
     */
    protected abstract NDArray discriminatorLoss(NDArray real, NDArray fake);

    /**
     * The generator's loss.
     *
     * @param labels the labels argument (real outputs; only relativistic losses read them)
     * @param fake the critic's outputs on generated samples
     * @return the reduced loss
     */
    protected abstract NDArray generatorLoss(NDList labels, NDArray fake);
}

package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The hinge GAN loss (Lim &amp; Ye, "Geometric GAN", 2017; Miyato et al., SN-GAN, ICLR 2018):
 * discriminator {@code relu(1 − D(x)) + relu(1 + D(G(z)))}, generator {@code −D(G(z))}.
 */
public final class HingeLoss extends PlayerLoss {

    private HingeLoss(boolean discriminator, Reduction reduction) {
        super("Hinge", discriminator, reduction);
    }

    /**
     * The discriminator loss.
     *
     * @param reduction the reduction
     * @return the loss
     */
    public static HingeLoss discriminator(Reduction reduction) {
        return new HingeLoss(true, reduction);
    }

    /**
     * The generator loss.
     *
     * @param reduction the reduction
     * @return the loss
     */
    public static HingeLoss generator(Reduction reduction) {
        return new HingeLoss(false, reduction);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray discriminatorLoss(NDArray real, NDArray fake) {
        return reduce(real.neg().add(1).maximum(0), fake.add(1).maximum(0));
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray generatorLoss(NDList labels, NDArray fake) {
        return reduce(fake.neg());
    }
}

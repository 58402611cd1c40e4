package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.alphatree.blocks.core.Assign;

/**
 * Wasserstein GAN (Arjovsky, Chintala &amp; Bottou, "Wasserstein GAN", ICML 2017): critic {@code
 * D(G(z)) − D(x)}, generator {@code −D(G(z))}; plus the weight-clipping constraint of the original
 * paper, to apply after each critic update.
 */
public final class WassersteinLoss extends PlayerLoss {

    private WassersteinLoss(boolean critic, Reduction reduction) {
        super("Wasserstein", critic, reduction);
    }

    /**
     * The critic loss {@code D(G(z)) − D(x)}.
     *
     * @param reduction the reduction
     * @return the loss
     */
    public static WassersteinLoss critic(Reduction reduction) {
        return new WassersteinLoss(true, reduction);
    }

    /**
     * The generator loss {@code −D(G(z))}.
     *
     * @param reduction the reduction
     * @return the loss
     */
    public static WassersteinLoss generator(Reduction reduction) {
        return new WassersteinLoss(false, reduction);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray discriminatorLoss(NDArray real, NDArray fake) {
        return reduce(fake, real.neg());
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray generatorLoss(NDList labels, NDArray fake) {
        return reduce(fake.neg());
    }

    /**
     * Clips every trainable parameter of the critic to {@code [−c, c]} in place (WGAN's constraint;
     * the paper uses c = 0.01). Call it after each critic optimizer step.
     *
     * @param critic the critic
     * @param c the bound
     */
    public static void clipWeights(Block critic, float c) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("clip bound must be positive, got " + c);
        }
        for (Parameter p : critic.getParameters().values()) {
            if (p.requiresGradient() && p.isInitialized()) {
                NDArray a = p.getArray();
                try (NDArray clipped = a.clip(-c, c)) {
                    Assign.copy(a, clipped);
                }
            }
        }
    }
}

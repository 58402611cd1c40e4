package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * LSGAN (Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017), with the ½ factor
 * of TF-GAN and torchgan: discriminator {@code ½(D(x) − b)² + ½(D(G(z)) − a)²}, generator {@code
 * ½(D(G(z)) − c)²}; defaults a = 0, b = 1, c = 1.
 */
public final class LeastSquaresLoss extends PlayerLoss {

    private final float a;
    private final float b;
    private final float c;

    private LeastSquaresLoss(
            boolean discriminator, float a, float b, float c, Reduction reduction) {
        super("LSGAN", discriminator, reduction);
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /**
     * The discriminator loss.
     *
     * @param a the target for generated samples (0)
     * @param b the target for real samples (1)
     * @param reduction the reduction
     * @return the loss
     */
    public static LeastSquaresLoss discriminator(float a, float b, Reduction reduction) {
        return new LeastSquaresLoss(true, a, b, 0, reduction);
    }

    /**
     * The generator loss.
     *
     * @param c the value the generator wants the critic to output (1)
     * @param reduction the reduction
     * @return the loss
     */
    public static LeastSquaresLoss generator(float c, Reduction reduction) {
        return new LeastSquaresLoss(false, 0, 0, c, reduction);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray discriminatorLoss(NDArray real, NDArray fake) {
        return reduce(
                Scalars.mul(real.sub(b).square(), 0.5f), Scalars.mul(fake.sub(a).square(), 0.5f));
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray generatorLoss(NDList labels, NDArray fake) {
        return reduce(Scalars.mul(fake.sub(c).square(), 0.5f));
    }
}

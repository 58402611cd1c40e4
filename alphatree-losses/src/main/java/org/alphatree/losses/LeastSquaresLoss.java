package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * LSGAN (Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017), with the ½ factor
 * of TF-GAN and torchgan: discriminator {@code ½(D(x) − b)² + ½(D(G(z)) − a)²}, generator {@code
 * ½(D(G(z)) − c)²}; defaults a = 0, b = 1, c = 1.
 */
public final class LeastSquaresLoss extends GanLoss {

    private final boolean discriminator;
    private final float a;
    private final float b;
    private final float c;

    private LeastSquaresLoss(
            boolean discriminator, float a, float b, float c, Reduction reduction) {
        super(discriminator ? "LSGAN-D" : "LSGAN-G", reduction);
        this.discriminator = discriminator;
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
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray f = fake(predictions);
        if (!discriminator) {
            return reduce(Scalars.mul(f.sub(c).square(), 0.5f));
        }
        return reduce(
                Scalars.mul(real(labels).sub(b).square(), 0.5f),
                Scalars.mul(f.sub(a).square(), 0.5f));
    }
}

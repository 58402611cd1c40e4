package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Relativistic average GAN losses (Jolicoeur-Martineau, "The relativistic discriminator: a key
 * element missing from standard GAN", ICLR 2019), normalized as in the paper's reference code: each
 * loss is the average of its two terms. With {@code C̃(x) = C(x) − mean C(G(z))} and {@code
 * C̃(G(z)) = C(G(z)) − mean C(x)}:
 *
 * <ul>
 *   <li>RaSGAN: D {@code ½[CE(C̃(x), 1) + CE(C̃(G(z)), 0)]}, G {@code ½[CE(C̃(G(z)), 1) + CE(C̃(x),
 *       0)]};
 *   <li>RaLSGAN: D {@code ½[(C̃(x) − 1)² + (C̃(G(z)) + 1)²]}, G the same with real and fake
 *       swapped;
 *   <li>RaHinge: D {@code ½[relu(1 − C̃(x)) + relu(1 + C̃(G(z)))]}, G swapped.
 * </ul>
 *
 * The batch means inside {@code C̃} are over the whole batch whatever the reduction.
 */
public final class RelativisticLoss extends GanLoss {

    /** The relativistic family member. */
    public enum Type {
        /** Standard (sigmoid cross-entropy). */
        RASGAN,
        /** Least squares. */
        RALSGAN,
        /** Hinge. */
        RAHINGE
    }

    private final Type type;
    private final boolean discriminator;

    /**
     * Creates the loss.
     *
     * @param type the family member
     * @param discriminator true for the discriminator's loss, false for the generator's
     * @param reduction the reduction
     */
    public RelativisticLoss(Type type, boolean discriminator, Reduction reduction) {
        super(type + (discriminator ? "-D" : "-G"), reduction);
        this.type = type;
        this.discriminator = discriminator;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray r = real(labels);
        NDArray f = fake(predictions);
        NDArray rt = r.sub(f.mean());
        NDArray ft = f.sub(r.mean());
        // the "positive" side is real for D, fake for G
        NDArray pos = discriminator ? rt : ft;
        NDArray neg = discriminator ? ft : rt;
        NDArray a;
        NDArray b;
        switch (type) {
            case RASGAN -> {
                a = softplus(pos).sub(pos);
                b = softplus(neg);
            }
            case RALSGAN -> {
                a = pos.sub(1).square();
                b = neg.add(1).square();
            }
            default -> {
                a = pos.neg().add(1).maximum(0);
                b = neg.add(1).maximum(0);
            }
        }
        return reduce(Scalars.mul(a, 0.5f), Scalars.mul(b, 0.5f));
    }
}

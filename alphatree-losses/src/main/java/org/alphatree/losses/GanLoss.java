package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.alphatree.blocks.core.Checks;

/**
 * Base of AlphaTree's GAN losses, DJL {@link Loss}es over critic outputs (logits for the
 * sigmoid-based losses, raw scores otherwise).
 *
 * <p>Argument convention, the same for every loss: {@code evaluate(labels, predictions)} takes the
 * critic's outputs on <b>real</b> samples as {@code labels} and on <b>generated</b> samples as
 * {@code predictions}. Generator losses that do not use real outputs accept an empty {@code labels}
 * list. Reductions work like {@code torch.nn} losses: {@code MEAN} (default), {@code SUM}, or
 * {@code NONE} (per sample; two-term losses return the per-sample sum of both terms).
 */
public abstract class GanLoss extends Loss {

    private final Reduction reduction;

    /**
     * Creates the loss.
     *
     * @param name the loss name
     * @param reduction the reduction
     */
    protected GanLoss(String name, Reduction reduction) {
        super(name);
        this.reduction = reduction;
    }

    /**
     * Returns the reduction.
     *
     * @return the reduction
     */
    public Reduction getReduction() {
        return reduction;
    }

    /**
     * The critic's outputs on real samples.
     *
     * @param labels the labels argument
     * @return the real outputs
     */
    protected static NDArray real(NDList labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException(
                    "this loss needs the critic's outputs on real samples as labels");
        }
        return labels.head();
    }

    /**
     * The critic's outputs on generated samples.
     *
     * @param predictions the predictions argument
     * @return the generated outputs
     */
    protected static NDArray fake(NDList predictions) {
        if (predictions == null || predictions.isEmpty()) {
            throw new IllegalArgumentException(
                    "this loss needs the critic's outputs on generated samples as predictions");
        }
        return predictions.head();
    }

    /**
     * Reduces a per-sample loss.
     *
     * @param perSample the per-sample loss
     * @return the reduced loss
     */
    protected NDArray reduce(NDArray perSample) {
        return reduction.apply(perSample);
    }

    /**
     * Reduces a two-term loss: with MEAN and SUM each term is reduced on its own (the sets may
     * differ in size); with NONE the per-sample sum is returned.
     *
     * @param a the first term
     * @param b the second term
     * @return the reduced loss
     */
    protected NDArray reduce(NDArray a, NDArray b) {
        if (reduction == Reduction.NONE) {
            Checks.sameShape(a, b, "reduction NONE needs equally many real and generated samples");
            return a.add(b);
        }
        return reduction.apply(a).add(reduction.apply(b));
    }

    /**
     * {@code log(1 + exp(x))}, computed stably.
     *
     * @param x the input
     * @return softplus(x)
     */
    protected static NDArray softplus(NDArray x) {
        // max(x, 0) + log1p(exp(-|x|))
        return x.maximum(0).add(x.abs().neg().exp().add(1).log());
    }
}

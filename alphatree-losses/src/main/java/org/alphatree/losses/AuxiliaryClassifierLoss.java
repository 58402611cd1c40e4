package org.alphatree.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * ACGAN's auxiliary classification loss (Odena, Olah &amp; Shlens, "Conditional Image Synthesis
 * with Auxiliary Classifier GANs", ICML 2017): softmax cross-entropy of the discriminator's class
 * logits. Here {@code labels} are the class indices (N) and {@code predictions} the class logits
 * (N, K), as DJL's classification losses.
 */
public final class AuxiliaryClassifierLoss extends GanLoss {

    /**
     * Creates the loss.
     *
     * @param reduction the reduction
     */
    public AuxiliaryClassifierLoss(Reduction reduction) {
        super("ACGAN-aux", reduction);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = fake(predictions);
        NDArray y = real(labels);
        if (logits.getShape().dimension() != 2 || y.getShape().size() != logits.getShape().get(0)) {
            throw new IllegalArgumentException(
                    "expected logits (N, K) and N labels, got "
                            + logits.getShape()
                            + " and "
                            + y.getShape());
        }
        NDArray logp = logits.logSoftmax(1);
        NDArray picked =
                logp.mul(
                                y.toType(DataType.INT64, false)
                                        .oneHot((int) logits.getShape().get(1))
                                        .toType(logp.getDataType(), false))
                        .sum(new int[] {1});
        return reduce(picked.neg());
    }
}

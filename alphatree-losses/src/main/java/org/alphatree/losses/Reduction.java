package org.alphatree.losses;

import ai.djl.ndarray.NDArray;

/** How a per-sample loss is reduced to the value a loss returns, as {@code torch.nn} losses. */
public enum Reduction {
    /** The mean over all elements (the default of PyTorch, TF-GAN and torchgan). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: the per-element losses. */
    NONE;

    /**
     * Applies the reduction.
     *
     * @param perElement the per-element losses
     * @return the reduced loss (a scalar for MEAN and SUM)
     */
    public NDArray apply(NDArray perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}

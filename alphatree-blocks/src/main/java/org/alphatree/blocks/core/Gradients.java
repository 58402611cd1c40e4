package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/**
 * Gradient housekeeping DJL leaves to the caller: a {@link ai.djl.training.GradientCollector} does
 * not zero gradients when it opens (they accumulate across backward passes), and every {@link
 * NDArray#getGradient()} call returns a new handle attached to the parameter's manager, which lives
 * as long as the model unless it is closed.
 */
public final class Gradients {
    private Gradients() {}

    /**
     * Zeroes, in place, the gradient of every trainable parameter of {@code block} that has one
     * (PyTorch's {@code zero_grad(set_to_none=False)}), closing the handles it opens.
     *
     * @param block an initialized block
     */
    public static void zero(Block block) {
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient() && p.isInitialized() && p.getArray().hasGradient()) {
                try (NDArray g = p.getArray().getGradient();
                        NDArray zero =
                                g.getManager()
                                        .zeros(
                                                new ai.djl.ndarray.types.Shape(),
                                                g.getDataType(),
                                                g.getDevice())) {
                    // a fill, not g·0: a NaN left in a gradient survives g·0; with an array we
                    // close, as set(index, Number) leaves its scalar in the model's manager (one
                    // per parameter and call)
                    g.set(new ai.djl.ndarray.index.NDIndex("..."), zero);
                }
            }
        }
    }
}

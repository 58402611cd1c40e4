package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keeps arrays computed from parameters out of the model's manager. DJL attaches an operation's
 * result to the manager of its first operand, so {@code weight.mul(styles)} or {@code
 * Scalars.mul(weight, gain)} lands in the manager that owns the parameters and lives until the
 * model is closed: in training every such result also keeps its autograd graph alive, so a
 * StyleGAN2 run grew to 24 GB within a few hundred steps. Moving the result to the input's manager
 * (a training step's scope) frees it with the step's other intermediates.
 */
public final class Temporaries {
    private Temporaries() {}

    /**
     * Attaches a result computed from a parameter to the manager of the block's input.
     *
     * @param derived a new array (never a parameter's own array)
     * @param input the block's input (its manager is the step's scope)
     * @return {@code derived}
     */
    public static NDArray near(NDArray derived, NDArray input) {
        return into(derived, input.getManager());
    }

    /**
     * Attaches a result computed from a parameter to a given manager.
     *
     * @param derived a new array (never a parameter's own array)
     * @param manager the manager to own it
     * @return {@code derived}
     */
    public static NDArray into(NDArray derived, NDManager manager) {
        if (derived.getManager() != manager) {
            derived.attach(manager);
        }
        return derived;
    }
}

package org.alphatree.blocks.core;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * The parameter declarations blocks repeat: a trainable weight or bias, and a buffer (a parameter
 * that never requires gradients: running statistics, power-iteration vectors, stored noise).
 */
public final class ParameterSpecs {
    private ParameterSpecs() {}

    private static Parameter build(
            String name, Parameter.Type type, Initializer init, Shape shape, boolean grad) {
        Parameter.Builder b = Parameter.builder().setName(name).setType(type);
        if (!grad) {
            b.optRequiresGrad(false);
        }
        if (init != null) {
            b.optInitializer(init);
        }
        if (shape != null) {
            b.optShape(shape);
        }
        return b.build();
    }

    /**
     * A trainable parameter.
     *
     * @param name the state_dict name ({@code weight}, {@code const}, {@code gamma})
     * @param type the DJL type
     * @param init the initializer, or null for the block's default
     * @param shape the shape, or null when {@code prepare} sets it
     * @return the parameter
     */
    public static Parameter trainable(
            String name, Parameter.Type type, Initializer init, Shape shape) {
        return build(name, type, init, shape, true);
    }

    /**
     * A trainable {@code weight}.
     *
     * @param init the initializer
     * @return the parameter (its shape set in {@code prepare})
     */
    public static Parameter weight(Initializer init) {
        return build("weight", Parameter.Type.WEIGHT, init, null, true);
    }

    /**
     * A trainable {@code bias}.
     *
     * @param init the initializer
     * @param shape the shape, or null when {@code prepare} sets it
     * @return the parameter
     */
    public static Parameter bias(Initializer init, Shape shape) {
        return build("bias", Parameter.Type.BIAS, init, shape, true);
    }

    /**
     * A buffer: saved with the weights, never trained.
     *
     * @param name the state_dict name ({@code running_mean}, {@code u0}, {@code noise_const})
     * @param type the DJL type (running mean or variance)
     * @param init the initializer
     * @param shape the shape, or null when {@code prepare} sets it
     * @return the parameter
     */
    public static Parameter buffer(
            String name, Parameter.Type type, Initializer init, Shape shape) {
        return build(name, type, init, shape, false);
    }
}

package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.alphatree.blocks.core.Kind;

/** A parameter-free element-wise activation, named so summaries and diagrams can show it. */
public class Activation extends AbstractBlock implements Kind {

    /** The supported activations. */
    public enum Type {
        /** {@code max(0, x)}. */
        RELU(ai.djl.nn.Activation::relu),
        /** {@code min(max(0, x), 6)}. */
        RELU6(ai.djl.nn.Activation::relu6),
        /** {@code 1 / (1 + exp(-x))}. */
        SIGMOID(ai.djl.nn.Activation::sigmoid),
        /** {@code x * sigmoid(x)} (swish). */
        SILU(x -> x.mul(ai.djl.nn.Activation.sigmoid(x))),
        /** {@code x if x > 0 else exp(x) - 1} (ELU, alpha 1). */
        ELU(x -> ai.djl.nn.Activation.elu(x, 1f)),
        /** {@code max(0.2x, x)}: leaky ReLU with DCGAN's slope 0.2. */
        LEAKY_RELU(x -> ai.djl.nn.Activation.leakyRelu(x, 0.2f)),
        /** {@code tanh(x)}. */
        TANH(ai.djl.nn.Activation::tanh),
        /** The identity. */
        IDENTITY(x -> x);

        private final UnaryOperator<NDArray> f;

        Type(UnaryOperator<NDArray> f) {
            this.f = f;
        }

        /**
         * Applies the activation.
         *
         * @param x the input
         * @return the output
         */
        public NDArray apply(NDArray x) {
            return f.apply(x);
        }
    }

    private final Type type;

    /**
     * Creates an activation block.
     *
     * @param type the activation
     */
    public Activation(Type type) {
        super((byte) 1);
        this.type = type;
    }

    /**
     * Returns a ReLU block.
     *
     * @return a ReLU
     */
    public static Activation relu() {
        return new Activation(Type.RELU);
    }

    /**
     * Returns the activation type.
     *
     * @return the type
     */
    public Type getType() {
        return type;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        String n = type.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(type.apply(inputs.singletonOrThrow()));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

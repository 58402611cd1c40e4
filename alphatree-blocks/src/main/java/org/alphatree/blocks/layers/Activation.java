package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.alphatree.blocks.core.Checks;
import org.alphatree.blocks.core.InPlaceCapable;
import org.alphatree.blocks.core.LeafBlock;
import org.alphatree.blocks.runtime.InPlace;

/** A parameter-free element-wise activation, named so summaries and diagrams can show it. */
public class Activation extends LeafBlock implements InPlaceCapable {

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
        /** {@code max(slope·x, x)}: leaky ReLU (default slope 0.2, DCGAN's). */
        LEAKY_RELU(x -> ai.djl.nn.Activation.leakyRelu(x, 0.2f)),
        /** {@code tanh(x)}. */
        TANH(ai.djl.nn.Activation::tanh),
        /**
         * {@code relu6(x + 3) / 6}: torch's {@code Hardsigmoid} (Howard et al., "Searching for
         * MobileNetV3", ICCV 2019), the gate of MobileNetV3's squeeze-and-excitation.
         */
        HARD_SIGMOID(x -> hard(x, false)),
        /** {@code x * relu6(x + 3) / 6}: torch's {@code Hardswish} (MobileNetV3). */
        HARD_SWISH(x -> hard(x, true)),
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
    private final float slope;

    /**
     * torch's hard sigmoid and hard swish, with the same operations in the same order ({@code
     * min(max(x + 3, 0), 6) / 6}, times x first for the swish). The divisor is a tensor libtorch
     * allocates: autograd keeps it for the backward pass, which a DJL {@code div(Number)} scalar (a
     * Java buffer freed at once) would not survive.
     */
    private static NDArray hard(NDArray x, boolean swish) {
        NDArray clipped;
        try (NDArray shifted = x.add(3f)) {
            clipped = shifted.clip(0f, 6f);
        }
        NDArray num = clipped;
        if (swish) {
            num = x.mul(clipped);
            clipped.close();
        }
        try (NDArray six = x.getManager().full(new Shape(), 6f, x.getDataType(), x.getDevice())) {
            NDArray out = num.div(six);
            num.close();
            return out;
        }
    }

    /**
     * Creates an activation block.
     *
     * @param type the activation
     */
    public Activation(Type type) {
        this(type, 0.2f);
    }

    private Activation(Type type, float slope) {
        super((byte) 1);
        this.type = type;
        this.slope = slope;
    }

    /**
     * Returns a ReLU block.
     *
     * @return a ReLU
     */
    public static Activation reluBlock() {
        return new Activation(Type.RELU);
    }

    /**
     * Returns a leaky-ReLU block, {@code torch.nn.LeakyReLU(slope)}.
     *
     * @param slope the negative slope (DCGAN and StyleGAN: 0.2)
     * @return the block
     */
    public static Activation leakyReluBlock(float slope) {
        return new Activation(Type.LEAKY_RELU, Checks.rate(slope, "leaky ReLU slope"));
    }

    /**
     * Returns a factory of activation blocks of one type, for {@link ConvNormAct}'s {@code
     * optActivation}.
     *
     * @param type the activation
     * @return the factory
     */
    public static java.util.function.Supplier<ai.djl.nn.Block> factory(Type type) {
        return () -> new Activation(type);
    }

    /**
     * Applies this activation to an array (the functional twin of the block).
     *
     * @param x the input
     * @return the output
     */
    public NDArray apply(NDArray x) {
        return type == Type.LEAKY_RELU ? ai.djl.nn.Activation.leakyRelu(x, slope) : type.apply(x);
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
        if (n.startsWith("HARD_")) {
            return "Hard" + n.substring(5).toLowerCase(Locale.ROOT);
        }
        String k = n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
        return type == Type.LEAKY_RELU && slope != 0.2f ? k + "(" + slope + ")" : k;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        return apply(x);
    }

    /** {@inheritDoc} A ReLU is written into the array's memory ({@link InPlace#relu}). */
    @Override
    public NDArray forwardOwned(NDArray owned) {
        return type == Type.RELU ? InPlace.relu(owned) : apply(owned);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

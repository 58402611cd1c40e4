package org.alphatree.blocks.classic;

import java.util.List;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * LeNet-5 for 1×32×32 inputs, its layers named after the paper's: {@code features.c1} (6 maps,
 * 5x5), {@code s2} (2x2/2 subsampling), {@code c3} (16 maps, 5x5), {@code s4}, {@code c5} (120
 * maps, 5x5, so 1x1 at 32 px), then {@code avgpool} (global: the identity at 32 px, so larger
 * inputs work too), {@code classifier.f6} (84) and {@code classifier.output} (10 classes); the
 * activations are {@code act1}, {@code act3}, {@code act5} and {@code classifier.act6}.
 *
 * <p><b>Default: the paper's choices</b> where a modern framework has them, tanh and average
 * pooling, because {@code lenet5} names the 1998 network and its layer table; {@code
 * optActivation(RELU)} and {@code optPooling(MAX)} give the modern variant, same shapes and
 * parameters. Not replicated: C3's partial connection table (Table I; AlphaTree's C3 sees all six
 * S2 maps: 2,416 parameters, not 1,516), S2/S4's trainable coefficient and bias per map (ours are
 * parameter-free pools), the scaled tanh 1.7159·tanh(2x/3), and the fixed RBF output (a trainable
 * linear layer here). Hence 61,706 trainable parameters at 10 classes, not the paper's 60,000.
 * DJL's basicmodelzoo {@code LeNet} has 61,700: sigmoid, no conv1 bias, a 5x5/2 pad-2 average pool
 * and 28×28 inputs (see docs/classic.md).
 *
 * <p>Stage outputs ({@link #features}): {@code act1} (28×28), {@code act3} (10×10), {@code act5}
 * (1×1 at 32 px).
 *
 * <p>LeCun, Bottou, Bengio &amp; Haffner, "Gradient-Based Learning Applied to Document
 * Recognition", Proc. IEEE 86(11), 1998.
 */
public class LeNet5 extends ClassicNet {

    /** The subsampling layers' pooling. */
    public enum Pooling {
        /** 2x2/2 average (the paper's subsampling, without its trainable coefficient). */
        AVG,
        /** 2x2/2 max (the modern choice). */
        MAX
    }

    private final Activation.Type activation;
    private final Pooling pooling;

    private LeNet5(Builder b) {
        super(b.getNumClasses(), "output", 1, Layers.Init.TORCH_DEFAULT);
        this.activation = b.activation;
        this.pooling = b.pooling;
        Sequential f = new Sequential();
        f.append("c1", conv(6)).append("act1", new Activation(activation)).append("s2", pool());
        f.append("c3", conv(16)).append("act3", new Activation(activation)).append("s4", pool());
        f.append("c5", conv(120)).append("act5", new Activation(activation));
        Sequential mlp =
                new Sequential()
                        .append(
                                "f6",
                                Layers.init(Layers.linear(84, true), Layers.Init.TORCH_DEFAULT))
                        .append("act6", new Activation(activation));
        assemble(f, List.of("act1", "act3", "act5"), new GlobalAvgPool(), mlp, 84);
    }

    private static ai.djl.nn.Block conv(int out) {
        return Layers.init(Layers.conv2d(out, 5, 1, 0, 1, true), Layers.Init.TORCH_DEFAULT);
    }

    private Pool2d pool() {
        return pooling == Pooling.MAX
                ? Pool2d.max(2, 2, 0, false)
                : Pool2d.avg(2, 2, 0, false, true);
    }

    /**
     * Returns a builder (tanh, average pooling, 10 classes).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "LeNet-5("
                + activation.name().toLowerCase(java.util.Locale.ROOT)
                + ", "
                + pooling.name().toLowerCase(java.util.Locale.ROOT)
                + " pool)";
    }

    /** Builds a {@link LeNet5}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private Activation.Type activation = Activation.Type.TANH;
        private Pooling pooling = Pooling.AVG;

        private Builder() {
            numClasses = 10;
        }

        /**
         * Sets the activation after C1, C3, C5 and F6 (tanh; the modern choice is ReLU).
         *
         * @param activation the activation
         * @return this
         */
        public Builder optActivation(Activation.Type activation) {
            this.activation = activation;
            return this;
        }

        /**
         * Sets the pooling of S2 and S4 (average; the modern choice is max).
         *
         * @param pooling the pooling
         * @return this
         */
        public Builder optPooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public LeNet5 build() {
            validate();
            if (activation == null || pooling == null) {
                throw new IllegalArgumentException(
                        "LeNet-5: activation and pooling must not be null");
            }
            return new LeNet5(this);
        }
    }
}

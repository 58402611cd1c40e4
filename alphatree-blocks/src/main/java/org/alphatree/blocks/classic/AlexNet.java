package org.alphatree.blocks.classic;

import java.util.List;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.AdaptiveAvgPool2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.LocalResponseNorm;
import org.alphatree.blocks.layers.Pool2d;

/**
 * AlexNet in two layouts, with torchvision's module names ({@code features.N}, {@code avgpool},
 * {@code classifier.N}):
 *
 * <ul>
 *   <li>{@link Variant#TORCHVISION}: torchvision's {@code alexnet}, the single-tower layout of
 *       Krizhevsky's "One weird trick" (2014): 64-192-384-256-256 channels, no normalization,
 *       61,100,840 parameters, default PyTorch initialization;
 *   <li>{@link Variant#PAPER}: the NIPS 2012 network: 96-256-384-384-256 channels, the two GPU
 *       towers as {@code groups = 2} on conv2, conv4 and conv5, local response normalization (n =
 *       5, α = 1e-4, β = 0.75, k = 2) after the first two ReLUs, 227×227 input, weights N(0, 0.01)
 *       and biases 1 on conv2/4/5 and the hidden linear layers; 60,965,224 parameters.
 * </ul>
 *
 * <p>Both pool adaptively to 6×6 before the classifier (the identity at 224 or 227 pixels), so any
 * side from the minimum up works; torchvision's minimum is 63. The classifier is {@code Dropout,
 * Linear(9216, 4096), ReLU, Dropout, Linear(4096, 4096), ReLU, Linear(4096, classes)}.
 *
 * <p>Stage outputs ({@link #features}): the ReLU before each max pool (strides 4, 8, 16) and the
 * last pool (stride 32, {@link #forwardFeatures}).
 *
 * <p>Krizhevsky, Sutskever &amp; Hinton, "ImageNet Classification with Deep Convolutional Neural
 * Networks", NIPS 2012; Krizhevsky, "One weird trick for parallelizing convolutional neural
 * networks", arXiv:1404.5997, 2014.
 */
public class AlexNet extends ClassicNet {

    /** The two layouts. */
    public enum Variant {
        /** torchvision's single-tower "one weird trick" layout. */
        TORCHVISION,
        /** The paper's two-tower layout with local response normalization. */
        PAPER
    }

    private final Variant variant;

    private AlexNet(Builder b) {
        super(b.getNumClasses(), "6", 3, init(b.variant));
        this.variant = b.variant;
        Sequential f = new Sequential();
        List<String> taps;
        Layers.Init init = init(variant);
        float bias;
        if (variant == Variant.TORCHVISION) {
            bias = 0;
            f.add(conv(64, 11, 4, 2, 1, init, 0)).add(Activation.reluBlock()).add(pool());
            f.add(conv(192, 5, 1, 2, 1, init, 0)).add(Activation.reluBlock()).add(pool());
            f.add(conv(384, 3, 1, 1, 1, init, 0)).add(Activation.reluBlock());
            f.add(conv(256, 3, 1, 1, 1, init, 0)).add(Activation.reluBlock());
            f.add(conv(256, 3, 1, 1, 1, init, 0)).add(Activation.reluBlock()).add(pool());
            taps = List.of("1", "4", "11");
        } else {
            bias = 1;
            f.add(conv(96, 11, 4, 0, 1, init, 0)).add(Activation.reluBlock());
            f.add(LocalResponseNorm.alexnet()).add(pool());
            f.add(conv(256, 5, 1, 2, 2, init, 1)).add(Activation.reluBlock());
            f.add(LocalResponseNorm.alexnet()).add(pool());
            f.add(conv(384, 3, 1, 1, 1, init, 0)).add(Activation.reluBlock());
            f.add(conv(384, 3, 1, 1, 2, init, 1)).add(Activation.reluBlock());
            f.add(conv(256, 3, 1, 1, 2, init, 1)).add(Activation.reluBlock()).add(pool());
            taps = List.of("1", "5", "13");
        }
        Sequential mlp = Stacks.dropoutFirstMlp(4096, b.getDropout(), init, bias);
        assemble(f, taps, new AdaptiveAvgPool2d(6, 6), mlp, 4096);
    }

    private static Layers.Init init(Variant variant) {
        return variant == Variant.PAPER ? Layers.Init.NORMAL_0_01 : Layers.Init.TORCH_DEFAULT;
    }

    private static ai.djl.nn.Block conv(
            int out, int k, int s, int p, int groups, Layers.Init init, float bias) {
        return Stacks.bias(Layers.init(Layers.conv2d(out, k, s, p, groups, true), init), bias);
    }

    private static Pool2d pool() {
        return Pool2d.max(3, 2, 0, false);
    }

    /**
     * Returns a builder (torchvision's layout, dropout 0.5, 1000 classes).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return variant == Variant.TORCHVISION ? "AlexNet" : "AlexNet(paper, 2 towers)";
    }

    /** Builds an {@link AlexNet}. */
    public static final class Builder extends ClassicBuilder<Builder> {
        private Variant variant = Variant.TORCHVISION;

        private Builder() {}

        /**
         * Sets the layout ({@link Variant#TORCHVISION}).
         *
         * @param variant the layout
         * @return this
         */
        public Builder optVariant(Variant variant) {
            this.variant = variant;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public AlexNet build() {
            validate();
            if (variant == null) {
                throw new IllegalArgumentException("AlexNet: the variant must not be null");
            }
            return new AlexNet(this);
        }
    }
}

package org.alphatree.blocks.classic;

import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.AdaptiveAvgPool2d;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * VGG with torchvision's module names: {@code features.N} (3x3 convolutions with padding 1, each
 * followed by ReLU, or by BatchNorm and ReLU in the {@code _bn} variants, and 2x2 max pools),
 * {@code avgpool} (adaptive, 7x7) and {@code classifier.N} ({@code Linear(25088, 4096), ReLU,
 * Dropout, Linear(4096, 4096), ReLU, Dropout, Linear(4096, classes)}). torchvision's
 * initialization: kaiming-normal (fan-out) convolutions, zero biases, N(0, 0.01) linear layers.
 *
 * <p>Stage outputs ({@link #features}): the ReLU before each max pool (strides 1 to 16) and the
 * last pool (stride 32, {@link #forwardFeatures}), timm's taps. The minimum input side is 32 (five
 * 2x2 pools).
 *
 * <p>Simonyan &amp; Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
 * Recognition", ICLR 2015 (arXiv:1409.1556).
 */
public class Vgg extends ClassicNet {

    /** The paper's configurations (Table 1), torchvision's {@code cfgs}. */
    public enum Config {
        /** VGG-11, configuration A. */
        A(11, 64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0),
        /** VGG-13, configuration B. */
        B(13, 64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0),
        /** VGG-16, configuration D. */
        D(16, 64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0),
        /** VGG-19, configuration E. */
        E(
                19, 64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512,
                512, 512, 0);

        private final int depth;
        private final int[] layers;

        Config(int depth, int... layers) {
            this.depth = depth;
            this.layers = layers;
        }

        /**
         * Returns the weight layers' count (11, 13, 16, 19).
         *
         * @return the depth
         */
        public int depth() {
            return depth;
        }

        /**
         * Returns the configuration of the given depth.
         *
         * @param depth 11, 13, 16 or 19
         * @return the configuration
         * @throws IllegalArgumentException for another depth
         */
        public static Config ofDepth(int depth) {
            for (Config c : values()) {
                if (c.depth == depth) {
                    return c;
                }
            }
            throw new IllegalArgumentException("VGG depth must be 11, 13, 16 or 19, got " + depth);
        }
    }

    private final Config config;
    private final boolean batchNorm;

    private Vgg(Builder b) {
        super(b.getNumClasses(), "6", 3, Layers.Init.NORMAL_0_01);
        this.config = b.config;
        this.batchNorm = b.batchNorm;
        Sequential f = new Sequential();
        List<String> taps = new ArrayList<>();
        for (int width : config.layers) {
            if (width == 0) {
                taps.add(String.valueOf(f.namedChildren().size() - 1));
                f.add(Pool2d.max(2, 2, 0, false));
                continue;
            }
            f.add(Layers.conv2d(width, 3, 1, 1, 1, true));
            if (batchNorm) {
                f.add(new BatchNorm2d(width));
            }
            f.add(Activation.reluBlock());
        }
        Sequential mlp =
                new Sequential()
                        .add(Layers.init(Layers.linear(4096, true), Layers.Init.NORMAL_0_01))
                        .add(Activation.reluBlock())
                        .add(new Dropout(b.getDropout()))
                        .add(Layers.init(Layers.linear(4096, true), Layers.Init.NORMAL_0_01))
                        .add(Activation.reluBlock())
                        .add(new Dropout(b.getDropout()));
        assemble(f, taps, new AdaptiveAvgPool2d(7, 7), mlp, 4096);
    }

    /**
     * Returns a builder (no batch norm, dropout 0.5, 1000 classes; the configuration must be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "VGG-" + config.depth + (batchNorm ? "-BN" : "");
    }

    /** Builds a {@link Vgg}. */
    public static final class Builder extends ClassicBuilder<Builder> {
        private Config config;
        private boolean batchNorm;

        private Builder() {}

        /**
         * Sets the configuration (Table 1: A = VGG-11 ... E = VGG-19).
         *
         * @param config the configuration
         * @return this
         */
        public Builder setConfig(Config config) {
            this.config = config;
            return this;
        }

        /**
         * Sets the configuration by depth.
         *
         * @param depth 11, 13, 16 or 19
         * @return this
         * @throws IllegalArgumentException for another depth
         */
        public Builder setDepth(int depth) {
            this.config = Config.ofDepth(depth);
            return this;
        }

        /**
         * Adds BatchNorm after every convolution (torchvision's {@code vgg16_bn}); off by default.
         *
         * @param batchNorm whether to normalize
         * @return this
         */
        public Builder optBatchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing or invalid value
         */
        public Vgg build() {
            validate();
            require(config, "VGG", "the configuration (setConfig or setDepth)", Config.values());
            return new Vgg(this);
        }
    }
}

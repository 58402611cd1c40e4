package org.alphatree.blocks.mobile;

import org.alphatree.blocks.core.NetworkBuilder;

/**
 * ShuffleNet V2 with torchvision's module names: {@code conv1} (3x3/2 conv of 24, BN, ReLU), {@code
 * maxpool} (3x3/2, padding 1), {@code stage2..4} ({@link ShuffleUnit}s repeated 4, 8, 4 times, the
 * first of each with stride 2), {@code conv5} (1x1, BN, ReLU), the spatial mean and {@code fc}.
 * Widths (Table 5): x0.5 48-96-192-1024, x1.0 116-232-464-1024, x1.5 176-352-704-1024, x2.0
 * 244-488-976-2048. PyTorch's default initialization (torchvision sets none).
 *
 * <p>Stage outputs ({@link #features}): {@code conv1}, {@code maxpool}, {@code stage2}, {@code
 * stage3} and {@code conv5} (strides 2 to 32). Headless: the pooled {@code conv5} features.
 *
 * <p>Ma, Zhang, Zheng &amp; Sun, "ShuffleNet V2: Practical Guidelines for Efficient CNN
 * Architecture Design", ECCV 2018.
 */
public class ShuffleNetV2 extends ShuffleFrame {

    /** The published widths. */
    public enum Width {
        /** x0.5. */
        X0_5(0.5f, 48, 96, 192, 1024),
        /** x1.0. */
        X1_0(1f, 116, 232, 464, 1024),
        /** x1.5. */
        X1_5(1.5f, 176, 352, 704, 1024),
        /** x2.0. */
        X2_0(2f, 244, 488, 976, 2048);

        private final float multiplier;
        private final int[] channels;

        Width(float multiplier, int... channels) {
            this.multiplier = multiplier;
            this.channels = channels;
        }

        /**
         * Returns the multiplier.
         *
         * @return 0.5, 1.0, 1.5 or 2.0
         */
        public float multiplier() {
            return multiplier;
        }
    }

    private final Width width;

    private ShuffleNetV2(Builder b) {
        super(b.getNumClasses());
        this.width = b.width;
        int[] c = width.channels;
        assemble(
                new int[] {c[0], c[1], c[2]},
                c[3],
                (in, out, stride, first) -> new ShuffleUnit(in, out, stride));
    }

    /**
     * Returns a builder (1000 classes; the width must be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ShuffleNetV2-x" + width.multiplier;
    }

    /** Builds a {@link ShuffleNetV2}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private Width width;

        private Builder() {}

        /**
         * Sets the width.
         *
         * @param width x0.5, x1.0, x1.5 or x2.0
         * @return this
         */
        public Builder setWidth(Width width) {
            this.width = width;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing value
         */
        public ShuffleNetV2 build() {
            validate();
            require(width, "ShuffleNetV2", "the width", Width.values());
            return new ShuffleNetV2(this);
        }
    }
}

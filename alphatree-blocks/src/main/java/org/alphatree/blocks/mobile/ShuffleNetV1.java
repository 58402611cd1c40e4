package org.alphatree.blocks.mobile;

import org.alphatree.blocks.core.NetworkBuilder;

/**
 * ShuffleNet (v1) 1x, Zhang et al. 2018 Table 1, with AlphaTree's module names (no reference
 * implementation is an anchor; the PyTorch twin is {@code tools/fixtures/mobile.py}): {@code conv1}
 * (3x3/2 conv of 24, BN, ReLU), {@code maxpool} (3x3/2, padding 1), {@code stage2..4} ({@link
 * ShuffleV1Unit}s repeated 4, 8, 4 times, the first of each with stride 2), the spatial mean and
 * {@code fc} (with a bias). Stage widths by groups: g1 144-288-576, g2 200-400-800, g3 240-480-960,
 * g4 272-544-1088, g8 384-768-1536; the bottleneck is a quarter of the unit's output.
 *
 * <p>Choices the paper leaves open, as the twin makes them: BN after every convolution with
 * PyTorch's defaults; the stride-2 shortcut is {@code AvgPool2d(3, 2, 1)} counting the padding; the
 * first unit's 1x1 convolution is ungrouped and not followed by a shuffle; PyTorch's default
 * initialization. MACs at 224 (143, 141, 137, 134, 138 M for g = 1, 2, 3, 4, 8) equal the paper's
 * Table 2 complexities (143, 140, 137, 133, 137 MFLOPs).
 *
 * <p>Stage outputs ({@link #features}): {@code conv1}, {@code maxpool}, {@code stage2}, {@code
 * stage3}, {@code stage4} (strides 2 to 32). Headless: the pooled last stage.
 *
 * <p>Zhang, Zhou, Lin &amp; Sun, "ShuffleNet: An Extremely Efficient Convolutional Neural Network
 * for Mobile Devices", CVPR 2018.
 */
public class ShuffleNetV1 extends ShuffleFrame {

    private final int groups;

    private ShuffleNetV1(Builder b) {
        super(b.getNumClasses());
        this.groups = b.groups;
        assemble(
                widths(groups),
                0,
                (in, out, stride, first) -> new ShuffleV1Unit(in, out, groups, stride, first));
    }

    private static int[] widths(int groups) {
        return switch (groups) {
            case 1 -> new int[] {144, 288, 576};
            case 2 -> new int[] {200, 400, 800};
            case 3 -> new int[] {240, 480, 960};
            case 4 -> new int[] {272, 544, 1088};
            case 8 -> new int[] {384, 768, 1536};
            default ->
                    throw new IllegalArgumentException(
                            "ShuffleNet v1: groups must be 1, 2, 3, 4 or 8, got " + groups);
        };
    }

    /**
     * Returns a builder (1000 classes; the groups must be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ShuffleNetV1-g" + groups;
    }

    /** Builds a {@link ShuffleNetV1}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private int groups;

        private Builder() {}

        /**
         * Sets the groups of the 1x1 group convolutions (Table 1: 1, 2, 3, 4 or 8).
         *
         * @param groups the groups
         * @return this
         */
        public Builder setGroups(int groups) {
            this.groups = groups;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing or invalid value
         */
        public ShuffleNetV1 build() {
            validate();
            if (groups == 0) {
                throw new IllegalArgumentException(
                        "ShuffleNet v1: you must specify the groups (1, 2, 3, 4 or 8)");
            }
            widths(groups);
            return new ShuffleNetV1(this);
        }
    }
}

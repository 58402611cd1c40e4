package org.alphatree.blocks.residual;

/**
 * How the residual units of one network are built: the few switches that separate ResNet, ResNeXt,
 * wide ResNet, ResNet-D and SE-ResNet(X)t (timm's and torchvision's block arguments).
 *
 * @param groups 3x3 convolution groups (ResNeXt cardinality)
 * @param baseWidth width per group; the 3x3 width is {@code int(planes * baseWidth / 64) * groups}
 * @param strideOn1x1 ResNet v1 (original paper, Caffe) puts the stride on the first 1x1; v1.5
 *     (torchvision) on the 3x3
 * @param avgDown ResNet-D shortcut: {@code AvgPool2d(2, stride, ceil_mode=True,
 *     count_include_pad=False)} then 1x1 conv then BN
 * @param seRatio squeeze-excitation reduction ratio (e.g. 1/16), 0 for none
 * @param bnEps batch-norm epsilon
 * @param bnMomentum batch-norm momentum (PyTorch semantics)
 * @param reduceFirst timm's {@code block_reduce_first}: the first 1x1 outputs {@code width /
 *     reduceFirst} channels (2 in SENet-154)
 * @param downKernel kernel of strided projection shortcuts (3 in SENet-154; stride-1 projections
 *     stay 1x1)
 */
public record BlockConfig(
        int groups,
        int baseWidth,
        boolean strideOn1x1,
        boolean avgDown,
        double seRatio,
        float bnEps,
        float bnMomentum,
        int reduceFirst,
        int downKernel) {

    /** Validates the configuration. */
    public BlockConfig {
        if (groups < 1 || baseWidth < 1) {
            throw new IllegalArgumentException(
                    "groups and baseWidth must be positive: " + groups + ", " + baseWidth);
        }
        if (reduceFirst < 1 || downKernel < 1 || downKernel % 2 == 0) {
            throw new IllegalArgumentException(
                    "reduceFirst must be positive and downKernel odd: "
                            + reduceFirst
                            + ", "
                            + downKernel);
        }
        if (seRatio < 0 || seRatio >= 1) {
            throw new IllegalArgumentException("seRatio must be in [0, 1): " + seRatio);
        }
    }

    /**
     * torchvision's defaults: no groups, width 64, stride on the 3x3, no SE, BN eps 1e-5.
     *
     * @return the default configuration
     */
    public static BlockConfig defaults() {
        return new Builder().build();
    }

    /**
     * Returns a builder holding this configuration's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.groups = groups;
        b.baseWidth = baseWidth;
        b.strideOn1x1 = strideOn1x1;
        b.avgDown = avgDown;
        b.seRatio = seRatio;
        b.bnEps = bnEps;
        b.bnMomentum = bnMomentum;
        b.reduceFirst = reduceFirst;
        b.downKernel = downKernel;
        return b;
    }

    /**
     * Returns a builder with the defaults: torchvision's Bottleneck (groups 1, width 64, stride on
     * the 3x3, 1x1 projection shortcut, no SE, BN eps 1e-5 and momentum 0.1).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BlockConfig}; values are validated in {@link #build()}. */
    public static final class Builder {
        private int groups = 1;
        private int baseWidth = 64;
        private boolean strideOn1x1;
        private boolean avgDown;
        private double seRatio;
        private float bnEps = 1e-5f;
        private float bnMomentum = 0.1f;
        private int reduceFirst = 1;
        private int downKernel = 1;

        private Builder() {}

        /**
         * Sets the 3x3's groups and the width per group (ResNeXt's cardinality and {@code d}).
         *
         * @param groups groups
         * @param baseWidth width per group at 64 planes
         * @return this
         */
        public Builder optGroups(int groups, int baseWidth) {
            this.groups = groups;
            this.baseWidth = baseWidth;
            return this;
        }

        /**
         * Sets whether the stride sits on the first 1x1 (original ResNet / Caffe) rather than the
         * 3x3 (torchvision).
         *
         * @param on stride on the 1x1
         * @return this
         */
        public Builder optStrideOn1x1(boolean on) {
            this.strideOn1x1 = on;
            return this;
        }

        /**
         * Sets ResNet-D's average-pool-then-1x1 shortcut.
         *
         * @param on whether to use it
         * @return this
         */
        public Builder optAvgDown(boolean on) {
            this.avgDown = on;
            return this;
        }

        /**
         * Sets the squeeze-excitation reduction ratio (0: none; SE-ResNet 1/16).
         *
         * @param ratio the ratio in [0, 1)
         * @return this
         */
        public Builder optSeRatio(double ratio) {
            this.seRatio = ratio;
            return this;
        }

        /**
         * Sets the batch-norm epsilon and PyTorch momentum.
         *
         * @param eps epsilon
         * @param momentum momentum
         * @return this
         */
        public Builder optBatchNorm(float eps, float momentum) {
            this.bnEps = eps;
            this.bnMomentum = momentum;
            return this;
        }

        /**
         * Sets SENet-154's unit shape: the first 1x1 reduces by {@code reduceFirst}, and the
         * projection shortcut uses a {@code downKernel} kernel.
         *
         * @param reduceFirst reduction of the first 1x1 (SENet-154: 2)
         * @param downKernel kernel of the projection (SENet-154: 3)
         * @return this
         */
        public Builder optSenetShortcuts(int reduceFirst, int downKernel) {
            this.reduceFirst = reduceFirst;
            this.downKernel = downKernel;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the invalid value
         */
        public BlockConfig build() {
            return new BlockConfig(
                    groups,
                    baseWidth,
                    strideOn1x1,
                    avgDown,
                    seRatio,
                    bnEps,
                    bnMomentum,
                    reduceFirst,
                    downKernel);
        }
    }

    /**
     * Returns a copy with ResNeXt grouping.
     *
     * @param groups cardinality
     * @param baseWidth width per group
     * @return the new configuration
     */
    public BlockConfig withGroups(int groups, int baseWidth) {
        return toBuilder().optGroups(groups, baseWidth).build();
    }

    /**
     * Returns a copy with the ResNet-D average-pool shortcut on or off.
     *
     * @param on whether to use it
     * @return the new configuration
     */
    public BlockConfig withAvgDown(boolean on) {
        return toBuilder().optAvgDown(on).build();
    }

    /**
     * Returns a copy with squeeze-excitation.
     *
     * @param ratio reduction ratio, 0 for none
     * @return the new configuration
     */
    public BlockConfig withSe(double ratio) {
        return toBuilder().optSeRatio(ratio).build();
    }

    /**
     * Returns a copy with the stride on the first 1x1 (ResNet v1) or on the 3x3 (v1.5).
     *
     * @param on true for v1
     * @return the new configuration
     */
    public BlockConfig withStrideOn1x1(boolean on) {
        return toBuilder().optStrideOn1x1(on).build();
    }

    /**
     * Returns a copy with SENet-154's reduced first 1x1 and 3x3 strided projections.
     *
     * @param reduceFirst divisor of the first 1x1's width
     * @param downKernel kernel of strided projection shortcuts
     * @return the new configuration
     */
    public BlockConfig withSenetShortcuts(int reduceFirst, int downKernel) {
        return toBuilder().optSenetShortcuts(reduceFirst, downKernel).build();
    }
}

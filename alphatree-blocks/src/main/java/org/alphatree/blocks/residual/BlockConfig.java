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
        return new BlockConfig(1, 64, false, false, 0, 1e-5f, 0.1f, 1, 1);
    }

    /**
     * Returns a copy with ResNeXt grouping.
     *
     * @param groups cardinality
     * @param baseWidth width per group
     * @return the new configuration
     */
    public BlockConfig withGroups(int groups, int baseWidth) {
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

    /**
     * Returns a copy with the ResNet-D average-pool shortcut on or off.
     *
     * @param on whether to use it
     * @return the new configuration
     */
    public BlockConfig withAvgDown(boolean on) {
        return new BlockConfig(
                groups,
                baseWidth,
                strideOn1x1,
                on,
                seRatio,
                bnEps,
                bnMomentum,
                reduceFirst,
                downKernel);
    }

    /**
     * Returns a copy with squeeze-excitation.
     *
     * @param ratio reduction ratio, 0 for none
     * @return the new configuration
     */
    public BlockConfig withSe(double ratio) {
        return new BlockConfig(
                groups,
                baseWidth,
                strideOn1x1,
                avgDown,
                ratio,
                bnEps,
                bnMomentum,
                reduceFirst,
                downKernel);
    }

    /**
     * Returns a copy with the stride on the first 1x1 (ResNet v1) or on the 3x3 (v1.5).
     *
     * @param on true for v1
     * @return the new configuration
     */
    public BlockConfig withStrideOn1x1(boolean on) {
        return new BlockConfig(
                groups,
                baseWidth,
                on,
                avgDown,
                seRatio,
                bnEps,
                bnMomentum,
                reduceFirst,
                downKernel);
    }

    /**
     * Returns a copy with SENet-154's reduced first 1x1 and 3x3 strided projections.
     *
     * @param reduceFirst divisor of the first 1x1's width
     * @param downKernel kernel of strided projection shortcuts
     * @return the new configuration
     */
    public BlockConfig withSenetShortcuts(int reduceFirst, int downKernel) {
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

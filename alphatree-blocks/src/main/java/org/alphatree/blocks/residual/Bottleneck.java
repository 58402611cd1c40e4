package org.alphatree.blocks.residual;

/**
 * The 1x1-3x3-1x1 residual unit of ResNet-50 and deeper (torchvision {@code Bottleneck}, expansion
 * 4), with the ResNeXt grouped 3x3, the SE-ResNet squeeze-excitation (after {@code bn3}, before the
 * addition) and the ResNet-D shortcut as options.
 *
 * <p>He et al., "Deep Residual Learning for Image Recognition", CVPR 2016; Xie et al., "Aggregated
 * Residual Transformations for Deep Neural Networks", CVPR 2017; Hu et al., "Squeeze-and-Excitation
 * Networks", CVPR 2018.
 */
public class Bottleneck extends TorchvisionUnit {

    /** Output channels per {@code planes}. */
    public static final int EXPANSION = 4;

    private final int planes;
    private final int width;
    private final int stride;
    private final int groups;

    /**
     * Creates the unit.
     *
     * @param planes the unit's base width; output channels are {@code 4 * planes}
     * @param stride stride (on the 3x3 in v1.5, on the first 1x1 in v1)
     * @param project whether the shortcut is a projection ({@code downsample})
     * @param cfg block configuration
     */
    public Bottleneck(int planes, int stride, boolean project, BlockConfig cfg) {
        this.planes = planes;
        this.stride = stride;
        this.groups = cfg.groups();
        this.width = (int) (planes * (cfg.baseWidth() / 64.0)) * cfg.groups();
        int out = planes * EXPANSION;
        int s1 = cfg.strideOn1x1() ? stride : 1;
        int s3 = cfg.strideOn1x1() ? 1 : stride;
        int first = width / cfg.reduceFirst();
        addConvBn(first, 1, s1, 1, cfg);
        addConvBn(width, 3, s3, cfg.groups(), cfg);
        addConvBn(out, 1, 1, 1, cfg);
        addTail(out, stride, project, cfg);
    }

    /**
     * Returns the 3x3 width, {@code int(planes * baseWidth / 64) * groups}.
     *
     * @return the width
     */
    public int getWidth() {
        return width;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Bottleneck("
                + width
                + " -> "
                + planes * EXPANSION
                + (groups > 1 ? ", groups " + groups : "")
                + (stride > 1 ? ", stride " + stride : "")
                + ")";
    }
}

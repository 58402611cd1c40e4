package org.alphatree.blocks.residual;

/**
 * The two-3x3 residual unit of ResNet-18/34 (torchvision {@code BasicBlock}, expansion 1): {@code
 * relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016.
 */
public class BasicBlock extends TorchvisionUnit {

    /** Output channels per {@code planes}. */
    public static final int EXPANSION = 1;

    private final int planes;
    private final int stride;

    /**
     * Creates the unit.
     *
     * @param planes output channels
     * @param stride stride of the first 3x3
     * @param project whether the shortcut is a projection ({@code downsample})
     * @param cfg block configuration (groups and base width must be 1 and 64)
     */
    public BasicBlock(int planes, int stride, boolean project, BlockConfig cfg) {
        if (cfg.groups() != 1 || cfg.baseWidth() != 64) {
            throw new IllegalArgumentException(
                    "BasicBlock only supports groups=1 and baseWidth=64 (as torchvision)");
        }
        this.planes = planes;
        this.stride = stride;
        addConvBn(planes, 3, stride, 1, cfg);
        addRelu();
        addConvBn(planes, 3, 1, 1, cfg);
        addTail(planes, stride, project, cfg);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "BasicBlock(" + planes + (stride > 1 ? ", stride " + stride : "") + ")";
    }
}

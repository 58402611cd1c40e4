package org.alphatree.blocks.residual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.SqueezeExcite;

/**
 * The 1x1-3x3-1x1 residual unit of ResNet-50 and deeper (torchvision {@code Bottleneck}, expansion
 * 4), with the ResNeXt grouped 3x3, the SE-ResNet squeeze-excitation (after {@code bn3}, before the
 * addition) and the ResNet-D shortcut as options.
 *
 * <p>He et al., "Deep Residual Learning for Image Recognition", CVPR 2016; Xie et al., "Aggregated
 * Residual Transformations for Deep Neural Networks", CVPR 2017; Hu et al., "Squeeze-and-Excitation
 * Networks", CVPR 2018.
 */
public class Bottleneck extends AlphaBlock implements ResidualUnit {

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
        add("conv1", Layers.conv2d(first, 1, s1, 0, 1, false));
        add("bn1", new BatchNorm2d(first, cfg.bnEps(), cfg.bnMomentum()));
        add("conv2", Layers.conv2d(width, 3, s3, 1, cfg.groups(), false));
        add("bn2", new BatchNorm2d(width, cfg.bnEps(), cfg.bnMomentum()));
        add("conv3", Layers.conv2d(out, 1, 1, 0, 1, false));
        add("bn3", new BatchNorm2d(out, cfg.bnEps(), cfg.bnMomentum()));
        if (cfg.seRatio() > 0) {
            add("se", SqueezeExcite.ofRatio(out, cfg.seRatio(), 8, 0));
        }
        add("relu", Activation.reluBlock());
        foldable("conv1", "bn1");
        foldable("conv2", "bn2");
        foldable("conv3", "bn3");
        if (project) {
            add("downsample", Shortcut.projection(out, stride, cfg));
        }
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

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = call("conv1", ps, x, training);
        out = consume("relu", ps, consume("bn1", ps, out, training), training);
        out = consume("conv2", ps, out, training);
        out = consume("relu", ps, consume("bn2", ps, out, training), training);
        out = consume("bn3", ps, consume("conv3", ps, out, training), training);
        if (hasChild("se")) {
            out = consume("se", ps, out, training);
        }
        NDArray shortcut = hasChild("downsample") ? call("downsample", ps, x, training) : x;
        return new NDList(consume("relu", ps, addShortcut(out, shortcut, x), training));
    }

    /** {@inheritDoc} */
    @Override
    public String shortcut() {
        return hasChild("downsample") ? "downsample" : null;
    }

    /** {@inheritDoc} */
    @Override
    public java.util.List<String> afterAdd() {
        return java.util.List.of("relu");
    }
}

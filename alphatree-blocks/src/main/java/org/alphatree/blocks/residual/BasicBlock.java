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
 * The two-3x3 residual unit of ResNet-18/34 (torchvision {@code BasicBlock}, expansion 1): {@code
 * relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016.
 */
public class BasicBlock extends AlphaBlock implements ResidualUnit {

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
        add("conv1", Layers.conv2d(planes, 3, stride, 1, 1, false));
        add("bn1", new BatchNorm2d(planes, cfg.bnEps(), cfg.bnMomentum()));
        add("relu", Activation.reluBlock());
        add("conv2", Layers.conv2d(planes, 3, 1, 1, 1, false));
        add("bn2", new BatchNorm2d(planes, cfg.bnEps(), cfg.bnMomentum()));
        foldable("conv1", "bn1");
        foldable("conv2", "bn2");
        if (cfg.seRatio() > 0) {
            add("se", SqueezeExcite.ofRatio(planes, cfg.seRatio(), 8, 0));
        }
        if (project) {
            add("downsample", Shortcut.projection(planes, stride, cfg));
        }
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "BasicBlock(" + planes + (stride > 1 ? ", stride " + stride : "") + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = call("conv1", ps, x, training);
        out = consume("relu", ps, consume("bn1", ps, out, training), training);
        out = consume("bn2", ps, consume("conv2", ps, out, training), training);
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

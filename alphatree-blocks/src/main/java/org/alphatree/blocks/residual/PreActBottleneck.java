package org.alphatree.blocks.residual;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNormAct2d;
import org.alphatree.blocks.layers.DropPath;
import org.alphatree.blocks.layers.Layers;

/**
 * The pre-activation bottleneck of ResNet v2 (timm {@code PreActBottleneck}): {@code
 * conv3(norm3(conv2(norm2(conv1(norm1(x)))))) + shortcut}, where the pre-activated input {@code
 * norm1(x)} feeds both the residual branch and the projection shortcut; there is no activation
 * after the addition.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016.
 */
public class PreActBottleneck extends AlphaBlock implements ResidualUnit {

    private final int outChannels;
    private final int stride;

    /**
     * Creates the unit.
     *
     * @param outChannels output channels (4x the mid width)
     * @param stride stride of the 3x3
     * @param project whether the shortcut is a projection ({@code downsample.conv})
     * @param dropPath drop-path rate of the residual branch
     */
    public PreActBottleneck(int outChannels, int stride, boolean project, float dropPath) {
        this.outChannels = outChannels;
        this.stride = stride;
        int mid = outChannels / 4;
        if (project) {
            add(
                    "downsample",
                    new Sequential()
                            .append("conv", Layers.conv2d(outChannels, 1, stride, 0, 1, false)));
        }
        add("norm1", BatchNormAct2d.lazy(1e-5f, 0.1f, Activation.Type.RELU));
        add("conv1", Layers.conv2d(mid, 1, 1, 0, 1, false));
        add("norm2", new BatchNormAct2d(mid));
        add("conv2", Layers.conv2d(mid, 3, stride, 1, 1, false));
        add("norm3", new BatchNormAct2d(mid));
        add("conv3", Layers.conv2d(outChannels, 1, 1, 0, 1, false));
        if (dropPath > 0) {
            add("drop_path", new DropPath(dropPath));
        }
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "PreActBottleneck("
                + outChannels / 4
                + " -> "
                + outChannels
                + (stride > 1 ? ", stride " + stride : "")
                + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray pre = call("norm1", ps, x, training);
        NDArray shortcut = hasChild("downsample") ? call("downsample", ps, pre, training) : x;
        NDArray y = call("conv1", ps, pre, training);
        if (pre != x && pre != shortcut) {
            pre.close();
        }
        y = consume("conv2", ps, consume("norm2", ps, y, training), training);
        y = consume("conv3", ps, consume("norm3", ps, y, training), training);
        if (hasChild("drop_path")) {
            y = consume("drop_path", ps, y, training);
        }
        return addShortcut(y, shortcut, x);
    }

    /** {@inheritDoc} */
    @Override
    public String shortcut() {
        return hasChild("downsample") ? "downsample" : null;
    }

    /** {@inheritDoc} */
    @Override
    public java.util.List<String> afterAdd() {
        return java.util.List.of();
    }
}

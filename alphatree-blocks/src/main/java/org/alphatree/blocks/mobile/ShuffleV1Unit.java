package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ChannelShuffle;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * ShuffleNet (v1)'s unit, Zhang et al. 2018 Fig. 2 (b) and (c): {@code gconv1} (1x1 group conv to
 * {@code out / 4} channels), {@code bn1}, ReLU, channel shuffle, {@code dwconv} (3x3 depthwise, the
 * stride), {@code bn2}, {@code gconv2} (1x1 group conv), {@code bn3}; at stride 1 the input is
 * added, at stride 2 a 3x3/2 average pool of the input ({@code shortcut}) is concatenated — so
 * {@code gconv2} then outputs {@code out - in} channels — and ReLU follows. The first unit of the
 * network (stage 2) has an ungrouped {@code gconv1}, as the paper says its input is small, and no
 * shuffle after it (there are no groups to mix). No biases.
 *
 * <p>Zhang, Zhou, Lin &amp; Sun, "ShuffleNet: An Extremely Efficient Convolutional Neural Network
 * for Mobile Devices", CVPR 2018.
 */
public class ShuffleV1Unit extends AlphaBlock implements ResidualUnit {

    private final int stride;
    private final int shuffleGroups;

    /**
     * Creates the unit.
     *
     * @param in input channels
     * @param out output channels
     * @param groups the group convolutions' groups
     * @param stride 1 (residual add) or 2 (concatenation)
     * @param first whether it is the network's first unit (ungrouped {@code gconv1})
     */
    public ShuffleV1Unit(int in, int out, int groups, int stride, boolean first) {
        int mid = out / 4;
        int branch = stride == 2 ? out - in : out;
        if (stride < 1
                || stride > 2
                || groups < 1
                || branch < 1
                || (stride == 1 && in != out)
                || mid % groups != 0
                || branch % groups != 0
                || (!first && in % groups != 0)) {
            throw new IllegalArgumentException(
                    "ShuffleNet v1 unit: invalid channels "
                            + in
                            + " -> "
                            + out
                            + " for groups "
                            + groups
                            + " and stride "
                            + stride);
        }
        this.stride = stride;
        this.shuffleGroups = first ? 1 : groups;
        add("gconv1", Layers.conv2d(mid, 1, 1, 0, first ? 1 : groups, false));
        add("bn1", new BatchNorm2d(mid));
        add("relu", Activation.reluBlock());
        add("dwconv", Layers.conv2d(mid, 3, stride, 1, mid, false));
        add("bn2", new BatchNorm2d(mid));
        add("gconv2", Layers.conv2d(branch, 1, 1, 0, groups, false));
        add("bn3", new BatchNorm2d(branch));
        foldable("gconv1", "bn1");
        foldable("dwconv", "bn2");
        foldable("gconv2", "bn3");
        if (stride == 2) {
            add("shortcut", Pool2d.avg(3, 2, 1, false, true));
        }
        describeAs(unitKind("ShuffleV1Unit", in, out, stride, "g " + groups));
    }

    /** {@inheritDoc} */
    @Override
    public String shortcut() {
        return stride == 2 ? "shortcut" : null;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> afterAdd() {
        return List.of();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = chain(ps, x, training, "gconv1", "bn1", "relu");
        if (shuffleGroups > 1) {
            NDArray s = ChannelShuffle.apply(y, shuffleGroups);
            y.close();
            y = s;
        }
        y = consume("dwconv", ps, y, training);
        NDArray z = chain(ps, y, training, "bn2", "gconv2", "bn3");
        y.close();
        y = z;
        NDArray out;
        if (stride == 2) {
            out = concatAndClose(call("shortcut", ps, x, training), y);
        } else {
            out = addShortcut(y, x, x);
        }
        NDArray relu = Activation.Type.RELU.apply(out);
        out.close();
        return relu;
    }
}

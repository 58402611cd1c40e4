package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ChannelShuffle;
import org.alphatree.blocks.layers.Layers;

/**
 * ShuffleNet V2's unit (torchvision {@code shufflenetv2.InvertedResidual}). Stride 1: the input's
 * channels are split in two halves ({@code chunk(2)}); the first passes unchanged, the second
 * through {@code branch2}; stride 2: both {@code branch1} and {@code branch2} read the whole input.
 * The halves are concatenated and shuffled with 2 groups.
 *
 * <p>{@code branch1} = depthwise 3x3, BN, 1x1, BN, ReLU; {@code branch2} = 1x1, BN, ReLU, depthwise
 * 3x3, BN (no ReLU after a depthwise convolution), 1x1, BN, ReLU. No biases.
 *
 * <p>Ma, Zhang, Zheng &amp; Sun, "ShuffleNet V2: Practical Guidelines for Efficient CNN
 * Architecture Design", ECCV 2018.
 */
public class ShuffleUnit extends Branches {

    private final int stride;

    /**
     * Creates the unit.
     *
     * @param in input channels (twice the branch width at stride 1)
     * @param out output channels (even)
     * @param stride 1 or 2
     */
    public ShuffleUnit(int in, int out, int stride) {
        if (stride < 1 || stride > 2 || out < 2 || out % 2 != 0 || in < 1) {
            throw new IllegalArgumentException(
                    "ShuffleNet V2 unit: invalid channels "
                            + in
                            + " -> "
                            + out
                            + ", stride "
                            + stride);
        }
        int branch = out / 2;
        if (stride == 1 && in != 2 * branch) {
            throw new IllegalArgumentException(
                    "ShuffleNet V2 unit: at stride 1 the input channels must equal the output's ("
                            + in
                            + " != "
                            + out
                            + ")");
        }
        this.stride = stride;
        if (stride > 1) {
            add(
                    "branch1",
                    new Sequential()
                            .add(Layers.conv2d(in, 3, stride, 1, in, false))
                            .add(new BatchNorm2d(in))
                            .add(Layers.conv2d(branch, 1, 1, 0, 1, false))
                            .add(new BatchNorm2d(branch))
                            .add(Activation.reluBlock()));
            branch("branch1");
        }
        add(
                "branch2",
                new Sequential()
                        .add(Layers.conv2d(branch, 1, 1, 0, 1, false))
                        .add(new BatchNorm2d(branch))
                        .add(Activation.reluBlock())
                        .add(Layers.conv2d(branch, 3, stride, 1, branch, false))
                        .add(new BatchNorm2d(branch))
                        .add(Layers.conv2d(branch, 1, 1, 0, 1, false))
                        .add(new BatchNorm2d(branch))
                        .add(Activation.reluBlock()));
        branch("branch2");
        describeAs(unitKind("ShuffleUnit", in, out, stride));
    }

    /**
     * Returns the stride.
     *
     * @return 1 or 2
     */
    public int stride() {
        return stride;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray cat;
        if (stride == 1) {
            NDList halves = x.split(2, 1);
            NDArray right = call("branch2", ps, halves.get(1), training);
            cat = NDArrays.concat(new NDList(halves.get(0), right), 1);
            right.close();
            halves.close();
        } else {
            cat =
                    concatAndClose(
                            call("branch1", ps, x, training), call("branch2", ps, x, training));
        }
        NDArray out = ChannelShuffle.apply(cat, 2);
        cat.close();
        return new NDList(out);
    }
}

package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;
import org.alphatree.blocks.layers.SeparableConv2d;

/**
 * Xception's residual block (timm {@code xception.Block}): {@code rep} = [ReLU, {@link
 * SeparableConv2d} 3x3, BN] × reps (the first ReLU dropped with {@code startWithRelu = false}),
 * then a 3x3 max pool (padding 1) carrying the stride; the shortcut is the identity, or {@code
 * skip} (1x1 conv with the stride) and {@code skipbn} when the shape changes. {@code growFirst}
 * widens in the first separable conv (otherwise in the last, as block 12 does).
 *
 * <p>Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", CVPR 2017.
 */
public class XceptionBlock extends AlphaBlock implements ResidualUnit {

    private final boolean project;

    /**
     * Creates the block.
     *
     * @param in input channels
     * @param out output channels
     * @param reps separable convolutions
     * @param stride 1, or the max pool's stride
     * @param startWithRelu whether {@code rep} begins with a ReLU
     * @param growFirst widen in the first separable conv rather than the last
     */
    public XceptionBlock(
            int in, int out, int reps, int stride, boolean startWithRelu, boolean growFirst) {
        if (in < 1 || out < 1 || reps < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "Xception block: invalid channels "
                            + in
                            + " -> "
                            + out
                            + ", reps "
                            + reps
                            + " or stride "
                            + stride);
        }
        this.project = out != in || stride != 1;
        if (project) {
            add("skip", Layers.conv2d(out, 1, stride, 0, 1, false));
            add("skipbn", new BatchNorm2d(out));
        }
        Sequential rep = new Sequential();
        for (int i = 0; i < reps; i++) {
            int inc;
            int outc;
            if (growFirst) {
                inc = i == 0 ? in : out;
                outc = out;
            } else {
                inc = in;
                outc = i < reps - 1 ? in : out;
            }
            if (i > 0 || startWithRelu) {
                rep.add(Activation.reluBlock());
            }
            rep.add(new SeparableConv2d(inc, outc, 3, 1, 1));
            rep.add(new BatchNorm2d(outc));
        }
        if (stride != 1) {
            rep.add(Pool2d.max(3, stride, 1, false));
        }
        add("rep", rep);
        describeAs(unitKind("XceptionBlock", in, out, stride, "reps " + reps));
    }

    /** {@inheritDoc} */
    @Override
    public String shortcut() {
        return project ? "skip" : null;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> afterAdd() {
        return List.of();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = call("rep", ps, x, training);
        NDArray s = project ? chain(ps, x, training, "skip", "skipbn") : x;
        return addShortcut(y, s, x);
    }
}

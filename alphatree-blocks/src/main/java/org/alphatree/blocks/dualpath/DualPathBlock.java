package org.alphatree.blocks.dualpath;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNormAct2d;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.Layers;

/**
 * The dual path block (timm {@code DualPathBlock}): a residual path and a densely connected path
 * share one bottleneck. The block takes and returns a (residual, dense) pair: the bottleneck's 1x1c
 * output is split into {@code num1x1c} channels added to the residual and {@code inc} channels
 * concatenated to the dense path. 'proj' and 'down' blocks project the input (stride 1 or 2) to a
 * new pair first.
 *
 * <p>Chen, Li, Xiao, Jin, Yan &amp; Feng, "Dual Path Networks", NeurIPS 2017.
 */
public class DualPathBlock extends AlphaBlock {

    /** How the block starts its pair. */
    public enum Type {
        /** Projection with stride 1 (first block of the first stage). */
        PROJ,
        /** Projection with stride 2 (first block of later stages). */
        DOWN,
        /** Identity: the pair passes through. */
        NORMAL
    }

    private final int num1x1c;
    private final int inc;
    private final Type type;

    /**
     * Creates the block.
     *
     * @param num1x1a bottleneck width of the first 1x1
     * @param num3x3b width of the grouped 3x3
     * @param num1x1c channels added to the residual path
     * @param inc channels added to the dense path
     * @param groups groups of the 3x3
     * @param type proj, down or normal
     * @param b the DPN-68b form: separate 1x1 convs for the two paths after a BN-act
     */
    public DualPathBlock(
            int num1x1a, int num3x3b, int num1x1c, int inc, int groups, Type type, boolean b) {
        this.num1x1c = num1x1c;
        this.inc = inc;
        this.type = type;
        int stride = type == Type.DOWN ? 2 : 1;
        if (type == Type.DOWN) {
            add("c1x1_w_s2", bnActConv(num1x1c + 2 * inc, 1, 2, 1));
        } else if (type == Type.PROJ) {
            add("c1x1_w_s1", bnActConv(num1x1c + 2 * inc, 1, 1, 1));
        }
        add("c1x1_a", bnActConv(num1x1a, 1, 1, 1));
        add("c3x3_b", bnActConv(num3x3b, 3, stride, groups));
        if (b) {
            add("c1x1_c", new CatBnAct(Activation.Type.RELU));
            add("c1x1_c1", Layers.conv2d(num1x1c, 1, 1, 0, 1, false));
            add("c1x1_c2", Layers.conv2d(inc, 1, 1, 0, 1, false));
        } else {
            add("c1x1_c", bnActConv(num1x1c + inc, 1, 1, 1));
        }
    }

    /**
     * DPN's pre-activation unit (timm {@code BnActConv2d}): BN (eps 1e-3) → ReLU → conv, padded to
     * keep the size at stride 1; keys {@code bn.*}, {@code conv.*}.
     */
    private static ConvNormAct bnActConv(int out, int kernel, int stride, int groups) {
        return ConvNormAct.builder()
                .setFilters(out)
                .setKernel(kernel)
                .optStride(stride)
                .optPadding((stride - 1 + kernel - 1) / 2)
                .optGroups(groups)
                .optPreActivation(() -> BatchNormAct2d.lazy(1e-3f, 0.1f, Activation.Type.RELU))
                .build();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "DualPathBlock("
                + type.name().toLowerCase(java.util.Locale.ROOT)
                + ", +"
                + num1x1c
                + " res, +"
                + inc
                + " dense)";
    }

    private static NDArray channels(NDArray x, long from, long to) {
        return x.get(new NDIndex(":, {}:{}", from, to));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        boolean concat = inputs.size() != 1;
        NDArray xIn = concat ? NDArrays.concat(inputs, 1) : inputs.head();
        NDArray xs = null;
        NDArray xs1;
        NDArray xs2;
        if (type == Type.NORMAL) {
            if (inputs.size() != 2) {
                throw new IllegalArgumentException(
                        "a 'normal' dual path block expects a (residual, dense) pair");
            }
            xs1 = inputs.get(0);
            xs2 = inputs.get(1);
        } else {
            xs = call(type == Type.DOWN ? "c1x1_w_s2" : "c1x1_w_s1", ps, xIn, training);
            long c = xs.getShape().get(1);
            xs1 = channels(xs, 0, num1x1c);
            xs2 = channels(xs, num1x1c, c);
        }
        NDArray y = chain(ps, xIn, training, "c1x1_a", "c3x3_b", "c1x1_c");
        if (concat) {
            xIn.close();
        }
        NDArray out1;
        NDArray out2;
        if (hasChild("c1x1_c1")) {
            out1 = call("c1x1_c1", ps, y, training);
            out2 = call("c1x1_c2", ps, y, training);
        } else {
            out1 = channels(y, 0, num1x1c);
            out2 = channels(y, num1x1c, y.getShape().get(1));
        }
        NDList out = new NDList(xs1.add(out1), NDArrays.concat(new NDList(xs2, out2), 1));
        // views keep their storage alive through the ops above; every handle here is ours
        NDList own = new NDList(y, out1, out2);
        if (xs != null) {
            own.addAll(new NDList(xs, xs1, xs2));
        }
        release(own, inputs, out);
        return out;
    }
}

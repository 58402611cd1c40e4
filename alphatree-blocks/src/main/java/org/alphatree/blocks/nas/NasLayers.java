package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;
import org.alphatree.blocks.layers.SamePadding;

/**
 * The layers NASNet's cells are made of, with timm's names and TF "SAME" padding: {@link
 * #actConvBn} (ReLU, 1x1 conv, BN), {@link #branchSeparables} (two ReLU-separable-BN stages), the
 * pools, and the factorized-reduction paths of the cells after a reduction. BatchNorm eps 1e-3,
 * momentum 0.1 everywhere.
 */
public final class NasLayers {
    private NasLayers() {}

    /** NASNet's BatchNorm: eps 1e-3, momentum 0.1. */
    static BatchNorm2d bn(int channels) {
        return new BatchNorm2d(channels, 1e-3f, 0.1f);
    }

    /**
     * timm's {@code ActConvBn}: ReLU, 1x1 conv (no bias), BN ({@code act}, {@code conv}, {@code
     * bn}).
     *
     * @param out output channels
     * @return the unit
     */
    public static Sequential actConvBn(int out) {
        return actConvBn(out, 1);
    }

    /**
     * timm's {@code ActConvBn} with a stride (PNASNet's reduction cells; a 1x1 kernel needs no
     * "SAME" padding at any stride).
     *
     * @param out output channels
     * @param stride the stride
     * @return the unit
     */
    public static Sequential actConvBn(int out, int stride) {
        return new Sequential()
                .append("act", Activation.reluBlock())
                .append("conv", Layers.conv2d(out, 1, stride, 0, 1, false))
                .append("bn", bn(out));
    }

    /**
     * PNASNet's {@code FactorizedReduction}: ReLU, then {@code final_path_bn(cat(path_1(x),
     * path_2(x)))} (see {@link #path}); {@code out} channels at half the resolution.
     *
     * @param out output channels (even)
     * @return the block
     */
    public static AlphaBlock factorizedReduction(int out) {
        return new FactorizedReduction(out);
    }

    /** timm's {@code FactorizedReduction}. */
    static final class FactorizedReduction extends AlphaBlock {
        FactorizedReduction(int out) {
            add("act", Activation.reluBlock());
            add("path_1", path(out / 2, false));
            add("path_2", path(out / 2, true));
            add("final_path_bn", bn(out));
            describeAs("FactorizedReduction(-> " + out + ")");
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray r = call("act", ps, inputs.singletonOrThrow(), training);
            NDArray cat =
                    concatAndClose(
                            call("path_1", ps, r, training), call("path_2", ps, r, training));
            r.close();
            return new NDList(consume("final_path_bn", ps, cat, training));
        }
    }

    /**
     * timm's {@code BranchSeparables}: {@code act_1}, {@code separable_1} (k x k, the stride),
     * {@code bn_sep_1}, {@code act_2}, {@code separable_2} (k x k), {@code bn_sep_2}.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel the kernel (3, 5 or 7)
     * @param stride 1 or 2
     * @param stemCell whether the middle width is {@code out} (the stem's first cell) rather than
     *     {@code in}
     * @return the branch
     */
    public static Sequential branchSeparables(
            int in, int out, int kernel, int stride, boolean stemCell) {
        return new BranchSeparables(in, out, kernel, stride, stemCell);
    }

    /**
     * A 3x3 pool with timm's {@code padding='same'}: stride 1 pads 1 symmetrically (average pools
     * exclude the padding), stride 2 pads dynamically ({@link SamePadding}; max pools with -inf,
     * average pools with zeros that count).
     *
     * @param max max or average
     * @param stride 1 or 2
     * @return the pool
     */
    public static Block pool(boolean max, int stride) {
        if (stride == 1) {
            return max ? Pool2d.max(3, 1, 1, false) : Pool2d.avg(3, 1, 1, false, false);
        }
        Block p = max ? Pool2d.max(3, stride, 0, false) : Pool2d.avg(3, stride, 0, false, true);
        return new SamePadding(p, "pool", 3, stride, max ? Double.NEGATIVE_INFINITY : 0.0);
    }

    /**
     * One half of the factorized reduction (timm's {@code path_1}/{@code path_2}): {@code avgpool}
     * (1x1, stride 2: every other pixel) and {@code conv} (1x1); the second half first shifts the
     * map by one pixel ({@code pad}, timm's {@code ZeroPad2d((-1, 1, -1, 1))}), so the two halves
     * sample interleaved pixels.
     *
     * @param out output channels
     * @param shifted whether to shift first
     * @return the path
     */
    public static Sequential path(int out, boolean shifted) {
        Sequential s = new Sequential();
        if (shifted) {
            s.append("pad", new Shift());
        }
        return s.append("avgpool", Pool2d.avg(1, 2, 0, false, false))
                .append("conv", Layers.conv2d(out, 1, 1, 0, 1, false));
    }

    /** timm's {@code BranchSeparables}, named like it in summaries. */
    static final class BranchSeparables extends Sequential {
        BranchSeparables(int in, int out, int kernel, int stride, boolean stemCell) {
            int mid = stemCell ? out : in;
            append("act_1", Activation.reluBlock());
            append("separable_1", new Separable(in, mid, kernel, stride));
            append("bn_sep_1", bn(mid));
            append("act_2", Activation.reluBlock());
            append("separable_2", new Separable(mid, out, kernel, 1));
            append("bn_sep_2", bn(out));
            describeAs(unitKind("BranchSeparables", in, out, stride, kernel + "x" + kernel));
        }
    }

    /**
     * A depthwise-separable convolution with timm's names ({@code depthwise_conv2d}, {@code
     * pointwise_conv2d}) and "SAME" padding: static {@code k / 2} at stride 1, dynamic at stride 2.
     */
    public static final class Separable extends AlphaBlock {
        private final int kernel;
        private final int stride;

        /**
         * Creates the convolution.
         *
         * @param in input channels
         * @param out output channels
         * @param kernel the depthwise kernel
         * @param stride the depthwise stride
         */
        public Separable(int in, int out, int kernel, int stride) {
            this.kernel = kernel;
            this.stride = stride;
            add(
                    "depthwise_conv2d",
                    Layers.conv2d(in, kernel, stride, stride == 1 ? kernel / 2 : 0, in, false));
            add("pointwise_conv2d", Layers.conv2d(out, 1, 1, 0, 1, false));
            describeAs(unitKind("SeparableConv2d", in, out, stride, kernel + "x" + kernel));
        }

        /** {@inheritDoc} */
        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
            NDArray padded = stride == 1 ? x : SamePadding.pad(x, kernel, stride, 0);
            NDArray y = call("depthwise_conv2d", ps, padded, training);
            if (padded != x) {
                padded.close();
            }
            return consume("pointwise_conv2d", ps, y, training);
        }
    }

    /** timm's {@code ZeroPad2d((-1, 1, -1, 1))}: drop the first row and column, pad the last. */
    public static final class Shift extends AlphaBlock {
        /** Creates the shift. */
        public Shift() {
            describeAs("ZeroPad2d(-1, 1, -1, 1)");
        }

        /** {@inheritDoc} */
        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return new NDList(
                    inputs.singletonOrThrow().pad(new ai.djl.ndarray.types.Shape(-1, 1, -1, 1), 0));
        }
    }
}

package org.alphatree.blocks.dualpath;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.ConvBnAct;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Dual Path Network with timm's module names: {@code features.conv1_1}, {@code conv1_pool}, {@code
 * conv2_1}..{@code conv5_N}, {@code conv5_bn_ac} (BN + ELU), and a 1x1-conv {@code classifier}.
 *
 * <p>Chen, Li, Xiao, Jin, Yan &amp; Feng, "Dual Path Networks", NeurIPS 2017.
 */
public class DPN extends AlphaBlock {

    /**
     * Creates the network.
     *
     * @param small the DPN-68 stem (3x3, bottleneck widths ×1 instead of ×4)
     * @param numInitFeatures stem channels
     * @param kR the bottleneck width parameter k_r
     * @param groups groups of the 3x3s
     * @param b the DPN-68b block form
     * @param kSec blocks per stage
     * @param incSec dense increment per stage
     * @param numClasses classes
     */
    public DPN(
            boolean small,
            int numInitFeatures,
            int kR,
            int groups,
            boolean b,
            int[] kSec,
            int[] incSec,
            int numClasses) {
        if (kSec.length != 4 || incSec.length != 4) {
            throw new IllegalArgumentException("DPN needs 4 stages");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        int bwFactor = small ? 1 : 4;
        Sequential f = new Sequential();
        int k = small ? 3 : 7;
        f.append(
                "conv1_1",
                new ConvBnAct(numInitFeatures, k, k, 2, k / 2, k / 2, 1e-3f, Activation.Type.RELU));
        f.append("conv1_pool", Pool2d.max(3, 2, 1, false));
        for (int s = 0; s < 4; s++) {
            int bw = (64 << s) * bwFactor;
            int inc = incSec[s];
            int r = (kR * bw) / (64 * bwFactor);
            DualPathBlock.Type first = s == 0 ? DualPathBlock.Type.PROJ : DualPathBlock.Type.DOWN;
            f.append("conv" + (s + 2) + "_1", new DualPathBlock(r, r, bw, inc, groups, first, b));
            for (int i = 2; i <= kSec[s]; i++) {
                f.append(
                        "conv" + (s + 2) + "_" + i,
                        new DualPathBlock(r, r, bw, inc, groups, DualPathBlock.Type.NORMAL, b));
            }
        }
        // timm passes fc_act_layer='elu' here, but its norm-act factory keeps the ReLU of the
        // partial it is given: the network (like the original MXNet DPN) ends in BN + ReLU
        f.append("conv5_bn_ac", new CatBnAct(Activation.Type.RELU));
        add("features", f);
        add("global_pool", new GlobalAvgPool());
        add("classifier", Layers.conv2d(numClasses, 1, 1, 0, 1, true));
    }

    /**
     * The stage outputs: {@code conv1_1} (stride 2), the last block of stages 2–4 (residual and
     * dense paths concatenated) and {@code conv5_bn_ac} (stride 32).
     *
     * @param ps the parameter store
     * @param x an NCHW batch
     * @param training training mode
     * @return five feature maps
     */
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        Sequential f = (Sequential) child("features");
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add("conv1_1");
        String last = null;
        for (String n : f.namedChildren().keySet()) {
            if (n.matches("conv[2-4]_\\d+")) {
                if (last != null && !last.substring(0, 5).equals(n.substring(0, 5))) {
                    names.add(last);
                }
                last = n;
            }
        }
        names.add(last);
        names.add("conv5_bn_ac");
        return f.outputsOf(ps, new NDList(x), training, names);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
            throw new BlockException(
                    "", "DPN expects input (N, 3, H, W), got " + x.getShape(), null);
        }
        NDArray y = chain(ps, x, training, "features", "global_pool", "classifier");
        return new NDList(flatten(y));
    }
}

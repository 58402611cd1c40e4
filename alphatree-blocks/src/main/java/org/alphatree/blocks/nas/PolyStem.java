package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.layers.Pool2d;

/**
 * PolyNet's stem (Cadene {@code Stem}, Inception-v4's stem with PolyNet's widths): {@code conv1}
 * (3x3/2 32, 3x3 32, 3x3 p1 64), then cat({@code conv1_pool_branch} 3x3/2 max pool, {@code
 * conv1_branch} 3x3/2 96), cat({@code conv2_short} 1x1 64 → 3x3 96, {@code conv2_long} 1x1 64 → 7x1
 * → 1x7 → 3x3 96), cat({@code conv2_pool_branch} 3x3/2 max pool, {@code conv2_branch} 3x3/2 192):
 * 384 channels at stride 8 (35x35 at 331).
 */
public class PolyStem extends AlphaBlock {

    /** Creates the stem. */
    public PolyStem() {
        add(
                "conv1",
                PolyLayers.seq(
                        PolyLayers.conv(32, 3, 2, 0),
                        PolyLayers.conv(32, 3, 1, 0),
                        PolyLayers.conv(64, 3, 1, 1)));
        add("conv1_pool_branch", Pool2d.max(3, 2, 0, false));
        add("conv1_branch", PolyLayers.conv(96, 3, 2, 0));
        add(
                "conv2_short",
                PolyLayers.seq(PolyLayers.conv(64, 1, 1, 0), PolyLayers.conv(96, 3, 1, 0)));
        add(
                "conv2_long",
                PolyLayers.seq(
                        PolyLayers.conv(64, 1, 1, 0),
                        PolyLayers.conv(64, 7, 1, 1, 3, 0, true),
                        PolyLayers.conv(64, 1, 7, 1, 0, 3, true),
                        PolyLayers.conv(96, 3, 1, 0)));
        add("conv2_pool_branch", Pool2d.max(3, 2, 0, false));
        add("conv2_branch", PolyLayers.conv(192, 3, 2, 0));
        describeAs("PolyStem(3 -> 384)");
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = call("conv1", ps, inputs.singletonOrThrow(), training);
        x = pair(ps, x, "conv1_pool_branch", "conv1_branch", training);
        x = pair(ps, x, "conv2_short", "conv2_long", training);
        return new NDList(pair(ps, x, "conv2_pool_branch", "conv2_branch", training));
    }

    /** cat(a(x), b(x)) along channels; closes x. */
    private NDArray pair(ParameterStore ps, NDArray x, String a, String b, boolean training) {
        NDArray out = concatAndClose(call(a, ps, x, training), call(b, ps, x, training));
        x.close();
        return out;
    }
}

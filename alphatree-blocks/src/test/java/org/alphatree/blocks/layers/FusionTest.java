package org.alphatree.blocks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.AlphaTree;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Conv+BN folding keeps eval outputs within 1e-5 of the unfused network. */
class FusionTest {

    @Test
    void foldedInceptionEqualsTheUnfusedOneInEval() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = AlphaTree.model("inception_v3");
            Shape in = new Shape(2, 3, 99, 99);
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, in);
            float[] before = net.forward(ps, new NDList(x), false).head().toFloatArray();
            int fused = Fusion.fuse(net);
            assertEquals(96, fused, "every BasicConv2d of Inception v3: 94, and 2 in its aux head");
            float[] after = net.forward(ps, new NDList(x), false).head().toFloatArray();
            double rel = Fixtures.relError(before, after);
            assertTrue(rel < 1e-5, "folded vs unfused: " + rel);
            assertEquals(0, Fusion.fuse(net) - fused, "fusing twice changes nothing");
            float[] again = net.forward(ps, new NDList(x), false).head().toFloatArray();
            assertTrue(Fixtures.relError(after, again) == 0);
            RuntimeException e =
                    assertThrows(
                            RuntimeException.class, () -> net.forward(ps, new NDList(x), true));
            assertTrue(
                    e.getMessage().contains("fuse()")
                            || String.valueOf(e.getCause()).contains("fuse()"),
                    e.toString());
        }
    }

    @Test
    void uninitializedNetworksAreRefused() {
        assertThrows(IllegalStateException.class, () -> Fusion.fuse(AlphaTree.model("googlenet")));
    }
}

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
import org.alphatree.blocks.core.Network;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Conv+BN folding keeps eval outputs and feature maps within 1e-5 of the unfused network. */
class FusionTest {

    /**
     * Builds {@code name}, fills it deterministically, folds it and checks that its output and
     * every feature map stay within 1e-5, that a second fuse folds nothing and that training is
     * refused; returns how many norms were folded.
     */
    private static int foldsExactly(String name, Shape in) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = AlphaTree.model(name);
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, in);
            NDList before = new NDList(net.forward(ps, new NDList(x), false).head());
            before.addAll(((Network) net).features(ps, x, false));
            int folded = Fusion.fuse(net);
            NDList after = new NDList(net.forward(ps, new NDList(x), false).head());
            after.addAll(((Network) net).features(ps, x, false));
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                double rel =
                        Fixtures.relError(
                                before.get(i).toFloatArray(), after.get(i).toFloatArray());
                assertTrue(
                        rel < 1e-5, name + (i == 0 ? " output: " : " feature " + i + ": ") + rel);
            }
            assertEquals(0, Fusion.fuse(net), name + ": fusing twice folds nothing more");
            if (folded > 0) {
                RuntimeException e =
                        assertThrows(
                                RuntimeException.class, () -> net.forward(ps, new NDList(x), true));
                assertTrue(
                        String.valueOf(e.getMessage()).contains("fuse()")
                                || String.valueOf(e.getCause()).contains("fuse()"),
                        e.toString());
            }
            return folded;
        }
    }

    /** How many norms fold: units, declared pairs and sequences. */
    @ParameterizedTest
    @CsvSource({
        "inception_v3, 96", // every BasicConv2d: 94, and 2 in the aux head
        "resnet50, 53",
        "resnet18, 20",
        "resnet50d, 55",
        "seresnet50, 53",
        "shufflenet_v1_g3, 49",
        "mobilenet_v2, 52",
        "densenet121, 1",
        "vgg11_bn, 8",
        "mnasnet0_5, 52"
    })
    void foldedNormsAreCounted(String name, int expected) {
        int side = name.equals("inception_v3") ? 99 : 64;
        assertEquals(expected, foldsExactly(name, new Shape(2, 3, side, side)), name);
    }

    /** Every registered network, at its smallest input: fusion changes no output or feature. */
    @ParameterizedTest
    @MethodSource("org.alphatree.blocks.registry.RegistryTest#names")
    void everyRegisteredNetworkFoldsExactly(String name) {
        ModelInfo info = ModelRegistry.get(name);
        int side = info.minInputSize();
        foldsExactly(name, new Shape(2, info.defaultInputShape().get(1), side, side));
    }

    @Test
    void uninitializedNetworksAreRefused() {
        assertThrows(IllegalStateException.class, () -> Fusion.fuse(AlphaTree.model("googlenet")));
    }
}

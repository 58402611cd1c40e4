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
            assertEquals(0, Fusion.fuse(net), "fusing twice folds nothing more");
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

    /** Networks whose units fold through declared pairs, sequences and {@link ConvNormAct}. */
    @ParameterizedTest
    @CsvSource({
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
    void foldedNetworksEqualTheUnfusedOnesWithTheirFeatures(String name, int expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = AlphaTree.model(name);
            Shape in = new Shape(2, 3, 64, 64);
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, in);
            float[] before = net.forward(ps, new NDList(x), false).head().toFloatArray();
            NDList featuresBefore = ((Network) net).features(ps, x, false);
            assertEquals(expected, Fusion.fuse(net), name + ": norms folded");
            float[] after = net.forward(ps, new NDList(x), false).head().toFloatArray();
            assertTrue(
                    Fixtures.relError(before, after) < 1e-5,
                    name + ": " + Fixtures.relError(before, after));
            NDList featuresAfter = ((Network) net).features(ps, x, false);
            assertEquals(featuresBefore.size(), featuresAfter.size());
            for (int i = 0; i < featuresBefore.size(); i++) {
                double rel =
                        Fixtures.relError(
                                featuresBefore.get(i).toFloatArray(),
                                featuresAfter.get(i).toFloatArray());
                assertTrue(rel < 1e-5, name + " feature " + i + ": " + rel);
            }
            assertEquals(0, Fusion.fuse(net), "a folded network has nothing left to fold");
            assertThrows(RuntimeException.class, () -> net.forward(ps, new NDList(x), true));
        }
    }

    static java.util.stream.Stream<String> registered() {
        return ModelRegistry.all().stream().map(ModelInfo::name);
    }

    /** Every registered network, at its smallest input: fusion changes no output or feature. */
    @ParameterizedTest
    @MethodSource("registered")
    void everyRegisteredNetworkFoldsExactly(String name) {
        ModelInfo info = ModelRegistry.get(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = info.build();
            int side = info.minInputSize();
            Shape in = new Shape(2, info.defaultInputShape().get(1), side, side);
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, in);
            float[] before = net.forward(ps, new NDList(x), false).head().toFloatArray();
            NDList featuresBefore = ((Network) net).features(ps, x, false);
            Fusion.fuse(net);
            float[] after = net.forward(ps, new NDList(x), false).head().toFloatArray();
            double rel = Fixtures.relError(before, after);
            assertTrue(rel < 1e-5, name + ": " + rel);
            NDList featuresAfter = ((Network) net).features(ps, x, false);
            for (int i = 0; i < featuresBefore.size(); i++) {
                double f =
                        Fixtures.relError(
                                featuresBefore.get(i).toFloatArray(),
                                featuresAfter.get(i).toFloatArray());
                assertTrue(f < 1e-5, name + " feature " + i + ": " + f);
            }
        }
    }

    @Test
    void uninitializedNetworksAreRefused() {
        assertThrows(IllegalStateException.class, () -> Fusion.fuse(AlphaTree.model("googlenet")));
    }
}

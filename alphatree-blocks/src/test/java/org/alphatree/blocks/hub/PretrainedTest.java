package org.alphatree.blocks.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alphatree.blocks.AlphaTree;
import org.alphatree.blocks.inception.GoogLeNet;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.TestWeights;
import org.alphatree.blocks.weights.SafeTensors;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.Weights;
import org.junit.jupiter.api.Test;

/** {@code AlphaTree.pretrained}: strict loading through the cache, key rewrites, variants. */
class PretrainedTest {

    private static Map<String, TensorData> weightsOf(String model, Shape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = AlphaTree.model(model);
            b.initialize(m, DataType.FLOAT32, input);
            DeterministicWeights.fill(b);
            return Weights.stateDict(b);
        }
    }

    /** Writes a file into the test cache and registers it like the published entry. */
    private static PretrainedWeights register(
            PretrainedWeights like, String name, Map<String, TensorData> sd) throws IOException {
        Path dir = HubCache.defaultCache().directory();
        Files.createDirectories(dir);
        Path file = dir.resolve(like.model() + "-" + name + ".safetensors");
        SafeTensors.write(file, sd);
        PretrainedWeights w = TestWeights.entry(like, name, file);
        WeightsRegistry.register(w);
        return w;
    }

    @Test
    void oldDenseNetCheckpointsLoadStrictlyThroughTheirKeyRewrites() throws Exception {
        Map<String, TensorData> sd = weightsOf("densenet121", new Shape(1, 3, 224, 224));
        Map<String, TensorData> old = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : sd.entrySet()) {
            old.put(
                    e.getKey().replaceAll("(denselayer\\d+\\.(norm|relu|conv))([12])\\.", "$1.$3."),
                    e.getValue());
        }
        assertTrue(old.containsKey("features.denseblock1.denselayer1.norm.1.weight"));
        PretrainedWeights w = register(WeightsRegistry.get("densenet121", null), "OLD_KEYS", old);
        try (Model model = AlphaTree.pretrained("densenet121", "OLD_KEYS")) {
            Map<String, TensorData> loaded = Weights.stateDict(model.getBlock());
            assertEquals(sd.keySet(), loaded.keySet());
            for (String k : sd.keySet()) {
                assertArrayEquals(sd.get(k).toFloats(), loaded.get(k).toFloats(), k);
            }
            assertEquals("densenet121.OLD_KEYS", model.getName());
        } finally {
            WeightsRegistry.unregister(w.model(), w.name());
            Files.deleteIfExists(HubCache.defaultCache().path(w));
        }
    }

    @Test
    void googLeNetWeightsBuildTheTransformInputVariant() throws Exception {
        Map<String, TensorData> sd = weightsOf("googlenet", new Shape(1, 3, 224, 224));
        PretrainedWeights w = register(WeightsRegistry.get("googlenet", null), "VARIANT", sd);
        try (Model model = AlphaTree.pretrained("googlenet", "VARIANT")) {
            assertTrue(model.getBlock() instanceof GoogLeNet);
            assertEquals("transform_input", w.variant());
            // the same weights in the plain network answer differently: the input transform runs
            NDManager m = model.getNDManager();
            NDArray x = m.randomUniform(-1, 1, new Shape(1, 3, 224, 224));
            ParameterStore ps = new ParameterStore(m, false);
            float[] variant =
                    model.getBlock().forward(ps, new NDList(x), false).head().toFloatArray();
            Block plain = AlphaTree.model("googlenet");
            plain.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            Weights.load(plain, sd, true, null);
            float[] same = plain.forward(ps, new NDList(x), false).head().toFloatArray();
            double diff = 0;
            for (int i = 0; i < same.length; i++) {
                diff = Math.max(diff, Math.abs(same[i] - variant[i]));
            }
            assertTrue(diff > 1e-3, "transform_input changed nothing: " + diff);
        } finally {
            WeightsRegistry.unregister(w.model(), w.name());
            Files.deleteIfExists(HubCache.defaultCache().path(w));
        }
    }

    @Test
    void aFileOfAnotherNetworkIsRefusedNamingTheFileAndTheKeys() throws Exception {
        Map<String, TensorData> sd = weightsOf("squeezenet1_0", new Shape(1, 3, 224, 224));
        PretrainedWeights w = register(WeightsRegistry.get("squeezenet1_1", null), "WRONG", sd);
        try {
            IOException e =
                    assertThrows(
                            IOException.class,
                            () -> AlphaTree.pretrained("squeezenet1_1", "WRONG"));
            assertTrue(e.getMessage().contains(w.fileName()), e.getMessage());
            assertTrue(e.getMessage().contains("features.0.weight"), e.getMessage());
        } finally {
            WeightsRegistry.unregister(w.model(), w.name());
            Files.deleteIfExists(HubCache.defaultCache().path(w));
        }
    }

    @Test
    void offlineWithAnEmptyCacheNamesTheFileAndTheUrl() {
        // tests run with ai.djl.offline=true and an empty test cache
        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> AlphaTree.pretrained("resnet50"));
        assertTrue(
                e.getMessage()
                        .contains("https://download.pytorch.org/models/resnet50-11ad3fa6.pth"),
                e.getMessage());
        assertTrue(e.getMessage().contains("resnet50-11ad3fa6.pth"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlphaTree.pretrained("nope"));
    }
}

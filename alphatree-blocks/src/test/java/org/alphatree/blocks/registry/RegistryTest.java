package org.alphatree.blocks.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.stream.Stream;
import org.alphatree.blocks.core.Network;
import org.alphatree.blocks.summary.BlockSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryTest {

    static Stream<String> names() {
        return ModelRegistry.all().stream().map(ModelInfo::name);
    }

    /** Trainable parameters and MACs at the default input equal the reference metadata. */
    @ParameterizedTest
    @MethodSource("names")
    void countsMatchReference(String name) {
        ModelInfo info = ModelRegistry.get(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = info.build();
            BlockSummary s = BlockSummary.of(m, name, b, info.defaultInputShape());
            assertEquals(info.trainableParameters(), s.trainableParameters(), name);
            assertEquals(new Shape(1, info.numClasses()), s.outputShape());
            assertEquals(info.gmacs(), s.macs() / 1e9, 0.0005, name + " GMACs " + s.macs());
            // BatchNorm networks have buffers too; LeNet, AlexNet, ZFNet and VGG have none
            assertTrue(s.totalParameters() >= s.trainableParameters());
        }
    }

    /** Every network builds headless: the summary's output is the pooled features. */
    @ParameterizedTest
    @MethodSource("names")
    void headlessSummary(String name) {
        ModelInfo info = ModelRegistry.get(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Network b = (Network) info.build(0);
            BlockSummary s = BlockSummary.of(m, name, b, info.defaultInputShape());
            assertEquals(new Shape(1, b.numFeatures()), s.outputShape(), name);
            assertTrue(s.trainableParameters() < info.trainableParameters(), name);
        }
    }

    /** Families register through ServiceLoader, in the services file's order. */
    @Test
    void familiesRegisterThemselves() {
        assertEquals(
                java.util.List.of(
                        Family.RESNET,
                        Family.INCEPTION,
                        Family.DENSENET,
                        Family.DPN,
                        Family.CLASSIC,
                        Family.MOBILE,
                        Family.NAS),
                ModelRegistry.all().stream().map(ModelInfo::family).distinct().toList());
        assertEquals(
                "pytorch_fid.inception.fid_inception_v3",
                ModelRegistry.get("fid_inception_v3").reference());
        assertEquals(1008, ModelRegistry.get("fid_inception_v3").numClasses());
        assertEquals("bicubic", ModelRegistry.get("inception_v4").preprocessing().interpolation());
    }

    /**
     * The default input is what the reference's preprocessing makes, for every entry: predict and
     * the hub feed a network exactly the images its input shape promises.
     */
    @Test
    void defaultInputIsWhatThePreprocessingMakes() {
        for (ModelInfo info : ModelRegistry.all()) {
            long side = info.preprocessing().size();
            assertEquals(side, info.defaultInputShape().get(2), info.name());
            assertEquals(side, info.defaultInputShape().get(3), info.name());
            assertTrue(side >= info.minInputSize(), info.name());
        }
        // the two entries whose input size and preprocessing used to disagree
        assertEquals(331, ModelRegistry.get("polynet").preprocessing().crop());
        assertEquals(227, ModelRegistry.get("alexnet_paper").preprocessing().crop());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ModelInfo.builder("tiny", Family.CLASSIC)
                                        .setReference("x")
                                        .setCounts(1, 0)
                                        .optMinInputSize(299)
                                        .setLayerNames("a", "b")
                                        .setPaper("p")
                                        .setFactory(n -> null)
                                        .build());
        assertTrue(e.getMessage().contains("minInputSize"), e.getMessage());
    }

    /** DJL's BlockFactory route builds any registered network by name. */
    @Test
    void blockFactoryBuildsByName() {
        RegistryBlockFactory f = new RegistryBlockFactory();
        Network n =
                (Network)
                        f.newBlock(
                                null,
                                null,
                                java.util.Map.of("model", "resnet18", "numClasses", "10"));
        assertEquals(10, n.numClasses());
        assertEquals(
                1000,
                ((Network) f.newBlock(null, null, java.util.Map.of("model", "resnet18")))
                        .numClasses());
        assertEquals(
                0,
                ((Network)
                                f.newBlock(
                                        null,
                                        null,
                                        java.util.Map.of("model", "dpn68", "numClasses", 0)))
                        .numClasses());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> f.newBlock(null, null, java.util.Map.of()));
        assertTrue(e.getMessage().contains("'model'"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                f.newBlock(
                                        null,
                                        null,
                                        java.util.Map.of("model", "resnet18", "numClasses", "1L")));
        assertTrue(
                e.getMessage().contains("numClasses must be an integer >= 0, got '1L'"),
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        f.newBlock(
                                null,
                                null,
                                java.util.Map.of("model", "resnet18", "numClasses", -2)));
    }

    @Test
    void unknownNameListsKnownNames() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelRegistry.get("nope"));
        assertTrue(e.getMessage().contains("resnet50"), e.getMessage());
    }
}

package org.alphatree.blocks.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.dense.DenseNet;
import org.alphatree.blocks.dualpath.DPN;
import org.alphatree.blocks.inception.GoogLeNet;
import org.alphatree.blocks.inception.InceptionV3;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.residual.ResNetV2;
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link Network} contract, checked on one network of each family and head shape. */
class NetworkContractTest {

    private static Network build(String name, int numClasses) {
        return (Network) ModelRegistry.get(name).build(numClasses);
    }

    private static Shape input(String name) {
        ModelInfo info = ModelRegistry.get(name);
        int side = Math.max(info.minInputSize(), 64);
        return new Shape(2, info.defaultInputShape().get(1), side, side);
    }

    /**
     * Features: one per name, shallow to deep; the deepest is forwardFeatures; head∘features =
     * forward.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "resnet18",
                "resnetv2_50",
                "googlenet",
                "inception_v3",
                "fid_inception_v3",
                "inception_v4",
                "inception_resnet_v2",
                "densenet121",
                "dpn68",
                "lenet5",
                "alexnet_paper",
                "vgg11_bn"
            })
    void featuresAndHeadComposeToForward(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = build(name, 7);
            Shape in = input(name);
            net.initialize(m, DataType.FLOAT32, in);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, in);
            NDList feats = net.features(ps, x, false);
            assertEquals(net.featureNames().size(), feats.size(), name);
            long prev = Long.MAX_VALUE;
            for (NDArray f : feats) {
                assertEquals(4, f.getShape().dimension(), name);
                assertTrue(
                        f.getShape().get(2) <= prev, name + " strides grow: " + feats.getShapes());
                prev = f.getShape().get(2);
            }
            NDArray last = net.forwardFeatures(ps, x, false);
            assertEquals(feats.get(feats.size() - 1).getShape(), last.getShape(), name);
            assertTrue(feats.get(feats.size() - 1).allClose(last, 1e-5, 1e-6, false), name);
            if (!(net instanceof org.alphatree.blocks.classic.ClassicNet)) {
                // MLP-headed nets read their last hidden layer (headlessDropsTheClassifier)
                assertEquals(net.numFeatures(), last.getShape().get(1), name + " numFeatures");
            }
            NDArray logits = net.forwardHead(ps, last, false);
            NDArray y = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 7), y.getShape());
            assertTrue(y.allClose(logits, 1e-5, 1e-6, false), name);
            assertFalse(x.isReleased(), "the input stays open");
        }
    }

    /** Headless: no classifier, the pooled features; parameters drop by the classifier's. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "resnet50",
                "resnetv2_50",
                "densenet121",
                "dpn68",
                "inception_v4",
                "alexnet",
                "lenet5"
            })
    void headlessDropsTheClassifier(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelInfo info = ModelRegistry.get(name);
            Network full = build(name, 1000);
            Network headless = build(name, 0);
            Shape in = input(name);
            full.initialize(m, DataType.FLOAT32, in);
            headless.initialize(m, DataType.FLOAT32, in);
            assertEquals(0, headless.numClasses());
            assertEquals(
                    new Shape(2, full.numFeatures()),
                    headless.getOutputShapes(new Shape[] {in})[0]);
            long classifier = (full.numFeatures() + 1L) * 1000;
            assertEquals(trainable(full) - classifier, trainable(headless), name);
            assertTrue(
                    NamedParameters.of(full).containsKey(info.classifier() + ".weight"),
                    "registry classifier name " + info.classifier());
            assertTrue(
                    NamedParameters.of(full).containsKey(info.firstConv() + ".weight"),
                    "registry first conv name " + info.firstConv());
        }
    }

    private static long trainable(Network net) {
        return net.getParameters().values().stream()
                .filter(p -> p.requiresGradient())
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    /** resetClassifier swaps the head in place, initialized, and back to headless. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnetv2_50", "dpn68", "lenet5"})
    void resetClassifierForTransferLearning(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = build(name, 1000);
            Shape in = input(name);
            net.initialize(m, DataType.FLOAT32, in);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(-1, 1, in);
            NDArray before = net.forwardFeatures(ps, x, false);
            assertEquals(new Shape(2, 1000), net.getOutputShapes(new Shape[] {in})[0]);
            net.resetClassifier(10);
            assertEquals(10, net.numClasses());
            assertTrue(net.isInitialized(), "the new classifier is initialized");
            assertEquals(new Shape(2, 10), net.getOutputShapes(new Shape[] {in})[0]);
            NDArray y = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 10), y.getShape());
            assertTrue(net.forwardFeatures(ps, x, false).allClose(before), "the trunk is kept");
            assertTrue(NamedParameters.of(net).containsKey(net.classifierName() + ".weight"));
            net.resetClassifier(0);
            assertEquals(
                    new Shape(2, net.numFeatures()),
                    net.forward(ps, new NDList(x), false).singletonOrThrow().getShape());
            assertFalse(NamedParameters.of(net).containsKey(net.classifierName() + ".weight"));
            assertThrows(IllegalArgumentException.class, () -> net.resetClassifier(-1));
        }
    }

    /** Every registered network is a Network, and builds headless by name. */
    @Test
    void everyRegisteredModelIsANetwork() {
        for (ModelInfo info : ModelRegistry.all()) {
            if (info.family() == Family.GAN) {
                continue;
            }
            Network n = (Network) info.build(0);
            assertEquals(0, n.numClasses(), info.name());
            assertEquals(info.classifier(), n.classifierName(), info.name());
            assertEquals(info.numClasses(), ((Network) info.build()).numClasses(), info.name());
        }
    }

    /** Shapes are inferred at batch 1 and the batch restored; the answer is cached. */
    @Test
    void outputShapesAtAnyBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = build("resnet18", 1000);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            Shape[] big = {new Shape(64, 3, 224, 224)};
            assertArrayEquals(new Shape[] {new Shape(64, 1000)}, net.getOutputShapes(big));
            assertArrayEquals(new Shape[] {new Shape(64, 1000)}, net.getOutputShapes(big));
            assertArrayEquals(
                    new Shape[] {new Shape(1, 1000)},
                    net.getOutputShapes(new Shape[] {new Shape(1, 3, 32, 32)}));
        }
    }

    /** Builders name what is missing or wrong. */
    @Test
    void buildersNameWhatIsMissing() {
        assertMessage(() -> DenseNet.builder().build(), "block config");
        assertMessage(() -> DPN.builder().setInitFeatures(10).build(), "setWidth");
        assertMessage(() -> ResNetV2.builder().build(), "stage depths");
        assertMessage(
                () -> GoogLeNet.builder().optNumClasses(0).optAuxLogits(true).build(),
                "auxiliary heads need classes");
        assertMessage(() -> InceptionV3.builder().optNumClasses(-1).build(), ">= 0");
        assertMessage(
                () -> ModelInfo.builder("x", Family.RESNET).setCounts(1, 1).build(),
                "reference (setReference), layer names (setLayerNames), paper (setPaper),"
                        + " factory (setFactory)");
        // headless by default drops the auxiliary heads
        assertFalse(((AlphaBlock) GoogLeNet.builder().optNumClasses(0).build()).hasChild("aux1"));
        assertTrue(((AlphaBlock) GoogLeNet.builder().build()).hasChild("aux1"));
        assertEquals(
                List.of("relu", "layer1", "layer2", "layer3", "layer4"),
                build("resnet50", 1).featureNames());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}

package org.alphatree.blocks.classic;

import static org.alphatree.blocks.testing.ReferenceChecks.assertMessage;
import static org.alphatree.blocks.testing.ReferenceChecks.std;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.Network;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.LocalResponseNorm;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.testing.ReferenceChecks;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity of the classic family (tools/fixtures/classic.py): local response normalization, the first
 * stages of each network in train mode with gradients, the whole LeNet-5, the reference's
 * state_dict keys, and the registry's counts against what PyTorch computed. Eval-mode logits of
 * every network are in {@code registry.NetworkParityTest}.
 */
class ClassicParityTest {

    @Test
    void localResponseNormEqualsTorch() {
        UnitParity.check(
                "classic/lrn5_train.npz", LocalResponseNorm.alexnet(), new Shape(2, 7, 5, 4));
    }

    @Test
    void localResponseNormWithAnEvenWindowEqualsTorch() {
        UnitParity.check(
                "classic/lrn4_train.npz",
                new LocalResponseNorm(4, 0.5f, 0.9f, 1.5f),
                new Shape(2, 7, 5, 4));
    }

    @Test
    void localResponseNormRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new LocalResponseNorm(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LocalResponseNorm(5, 1, 1, 0));
        assertThrows(
                IllegalArgumentException.class, () -> new LocalResponseNorm(5, Float.NaN, 1, 1));
    }

    /** The first {@code keep} children of a network's {@code features}, as a unit. */
    private static Sequential features(Block net, int keep) {
        Sequential f = (Sequential) ((ClassicNet) net).child("features");
        List<String> names = new ArrayList<>(f.namedChildren().keySet());
        for (String name : names.subList(keep, names.size())) {
            f.removeChild(name);
        }
        return f;
    }

    @Test
    void alexnetStemTrainModeAndGradients() {
        UnitParity.check(
                "classic/alexnet_stem_train.npz",
                features(AlexNet.builder().build(), 6),
                new Shape(2, 3, 63, 63));
    }

    @Test
    void paperAlexnetStemWithGroupsAndLrnTrainModeAndGradients() {
        UnitParity.check(
                "classic/alexnet_paper_stem_train.npz",
                features(AlexNet.builder().optVariant(AlexNet.Variant.PAPER).build(), 8),
                new Shape(2, 3, 67, 67));
    }

    @Test
    void zfnetStemWithCeilPoolsTrainModeAndGradients() {
        UnitParity.check(
                "classic/zfnet_stem_train.npz",
                features(ZFNet.builder().build(), 8),
                new Shape(2, 3, 64, 64));
    }

    @Test
    void vggBnStemTrainModeGradientsAndRunningStats() {
        UnitParity.check(
                "classic/vgg11_bn_stem_train.npz",
                features(Vgg.builder().setDepth(11).optBatchNorm(true).build(), 8),
                new Shape(2, 3, 16, 16));
    }

    @Test
    void vggStemTrainModeAndGradients() {
        UnitParity.check(
                "classic/vgg16_stem_train.npz",
                features(Vgg.builder().setConfig(Vgg.Config.D).build(), 5),
                new Shape(2, 3, 16, 16));
    }

    @Test
    void wholeLenet5TrainModeAndGradients() {
        UnitParity.check(
                "classic/lenet5_train.npz", LeNet5.builder().build(), new Shape(2, 1, 32, 32));
    }

    /** The classic networks torchvision has: alexnet and the eight VGGs. */
    static java.util.stream.Stream<String> torchvisionNets() {
        return java.util.stream.Stream.of(
                "alexnet",
                "vgg11",
                "vgg11_bn",
                "vgg13",
                "vgg13_bn",
                "vgg16",
                "vgg16_bn",
                "vgg19",
                "vgg19_bn");
    }

    /**
     * Parameter and buffer names and shapes equal torchvision's state_dict (less
     * num_batches_tracked).
     */
    @ParameterizedTest
    @MethodSource("torchvisionNets")
    void stateDictKeysEqualTorchvision(String name) {
        ReferenceChecks.assertStateDictKeys("classic", name);
    }

    /**
     * Parity through a real torchvision checkpoint: {@code torch.save} of the network's state_dict
     * whose tensors are overlapping strided views of small storages (a few hundred KB for VGG-19's
     * 143 M parameters), loaded strictly by name with the reader's expansion budget raised for
     * these trusted fixtures, then {@code forward} equals torchvision's logits.
     */
    @ParameterizedTest
    @MethodSource("torchvisionNets")
    void torchvisionCheckpointLoadsStrictlyAndForwardEqualsTorchvision(String name)
            throws Exception {
        long side = name.equals("alexnet") ? 96 : 64;
        ReferenceChecks.assertViewCheckpoint("classic", name, new Shape(2, 3, side, side));
    }

    /** Without the raised budget the same file is refused as an expansion bomb, by name. */
    @Test
    void theViewCheckpointIsABombByDefault() throws Exception {
        java.nio.file.Path pth =
                java.nio.file.Path.of(
                        getClass().getResource("/fixtures/classic/alexnet_views.pth").toURI());
        Exception e =
                assertThrows(
                        Exception.class,
                        () -> org.alphatree.blocks.weights.Weights.read(pth, null));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
    }

    /** The registry's counts, default and minimum input sides are what PyTorch computed. */
    @Test
    void registryEqualsThePyTorchCounts() {
        ReferenceChecks.assertCounts("classic", 12);
    }

    /** One below the minimum side fails with a message naming the layer and the sizes. */
    @ParameterizedTest
    @ValueSource(strings = {"alexnet", "alexnet_paper", "zfnet", "vgg11", "lenet5"})
    void belowTheMinimumInputIsAClearError(String name) {
        ReferenceChecks.assertBelowMinimumFails(name, "features.");
    }

    @Test
    void wrongChannelsAreAClearError() {
        BlockException e =
                ReferenceChecks.forwardFails(
                        LeNet5.builder().build(), new Shape(1, 1, 32, 32), new Shape(1, 3, 32, 32));
        assertTrue(e.getMessage().contains("(N, 1, H, W)"), e.getMessage());
    }

    /** Headless: the classifier MLP's last hidden layer, timm's pre-logits. */
    @Test
    void headlessReturnsThePreLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = (Network) ModelRegistry.get("vgg11").build(0);
            Shape in = new Shape(2, 3, 32, 32);
            net.initialize(m, DataType.FLOAT32, in);
            assertEquals(4096, net.numFeatures());
            NDArray x = m.randomUniform(-1, 1, in);
            ParameterStore ps = new ParameterStore(m, false);
            assertEquals(
                    new Shape(2, 4096), net.forward(ps, new NDList(x), false).head().getShape());
            assertEquals(new Shape(2, 512, 1, 1), net.forwardFeatures(ps, x, false).getShape());
            net.resetClassifier(5);
            assertEquals(new Shape(2, 5), net.forward(ps, new NDList(x), false).head().getShape());
            float std = std(NamedParameters.of(net).get("classifier.6.weight").getArray());
            assertEquals(0.01, std, 0.002, "the new classifier has VGG's N(0, 0.01) init");
        }
    }

    /** torchvision's VGG init and the paper AlexNet's bias of 1, as documented. */
    @Test
    void initializationFollowsTheReferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block vgg = Vgg.builder().setDepth(11).build();
            vgg.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            Map<String, Parameter> p = NamedParameters.of(vgg);
            assertEquals(0.01, std(p.get("classifier.0.weight").getArray()), 1e-3);
            // kaiming fan-out: std sqrt(2 / (64 * 9)) for features.0 (3 -> 64)
            assertEquals(
                    Math.sqrt(2.0 / (64 * 9)), std(p.get("features.0.weight").getArray()), 0.01);
            Block paper = AlexNet.builder().optVariant(AlexNet.Variant.PAPER).build();
            paper.initialize(m, DataType.FLOAT32, new Shape(1, 3, 227, 227));
            Map<String, Parameter> q = NamedParameters.of(paper);
            assertEquals(1f, q.get("features.4.bias").getArray().min().getFloat());
            assertEquals(0f, q.get("features.0.bias").getArray().max().getFloat());
            assertEquals(1f, q.get("classifier.1.bias").getArray().min().getFloat());
            assertEquals(0f, q.get("classifier.6.bias").getArray().max().getFloat());
            Block alex = AlexNet.builder().build();
            alex.initialize(m, DataType.FLOAT32, new Shape(1, 3, 63, 63));
            float max =
                    NamedParameters.of(alex)
                            .get("features.0.weight")
                            .getArray()
                            .abs()
                            .max()
                            .getFloat();
            // DJL draws U(-b, b) with b rounded to float, which is above the double 1/√363: the
            // largest of 23,232 draws may land between the two
            float bound = (float) (1 / Math.sqrt(3 * 121));
            assertTrue(max <= bound && max > 0.9f * bound, "U(±1/√fan_in), max |w| " + max);
        }
    }

    @Test
    void buildersNameWhatIsWrong() {
        assertMessage(() -> Vgg.builder().build(), "configuration");
        assertMessage(() -> Vgg.builder().setDepth(17), "11, 13, 16 or 19");
        assertMessage(() -> AlexNet.builder().optDropout(1f).build(), "dropout");
        assertMessage(() -> ZFNet.builder().optNumClasses(-1).build(), ">= 0");
        assertMessage(() -> LeNet5.builder().optPooling(null).build(), "pooling");
        assertEquals(
                List.of("features.act1", "features.act3", "features.act5"),
                LeNet5.builder().optActivation(Activation.Type.RELU).build().featureNames());
        assertEquals(
                List.of(
                        "features.3",
                        "features.8",
                        "features.15",
                        "features.22",
                        "features.29",
                        "features.30"),
                Vgg.builder().setDepth(16).build().featureNames());
    }
}

package org.alphatree.blocks.mobile;

import static org.alphatree.blocks.testing.ReferenceChecks.assertMessage;
import static org.alphatree.blocks.testing.ReferenceChecks.std;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.core.Network;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.ChannelShuffle;
import org.alphatree.blocks.layers.DepthwiseSeparableConv;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.ReferenceChecks;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.LoadReport;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.alphatree.blocks.weights.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity of the light family (tools/fixtures/mobile.py): one unit of each network in train mode
 * with gradients and running statistics (Fire, MobileNetV2's t = 1, residual and stride-2 units,
 * MobileNetV3's SE and hard-swish units, MNASNet's unit, ShuffleNet V2's stride-1 and stride-2
 * units, MobileNet v1's depthwise-separable unit, Xception's entry, middle and exit blocks, the
 * ShuffleNet v1 twin's units), hard swish and hard sigmoid, torchvision's and timm's state_dict
 * keys and the registry's counts. Eval-mode logits of every network are in {@code
 * registry.NetworkParityTest}.
 */
class MobileParityTest {

    @Test
    void hardSwishEqualsTorch() {
        UnitParity.check(
                "mobile/hardswish_train.npz",
                new Activation(Activation.Type.HARD_SWISH),
                new Shape(2, 3, 5, 5));
    }

    @Test
    void hardSigmoidEqualsTorch() {
        UnitParity.check(
                "mobile/hardsigmoid_train.npz",
                new Activation(Activation.Type.HARD_SIGMOID),
                new Shape(2, 3, 5, 5));
    }

    @Test
    void fireTrainModeAndGradients() {
        UnitParity.check("mobile/fire_train.npz", new Fire(16, 64, 64), new Shape(2, 96, 9, 9));
    }

    @Test
    void mobileNetV2UnitWithoutExpansion() {
        InvertedResidual u = InvertedResidual.v2(32, 16, 1, 1);
        assertFalse(u.hasShortcut());
        UnitParity.check("mobile/mbv2_t1_train.npz", u, new Shape(2, 32, 8, 8));
    }

    @Test
    void mobileNetV2ResidualUnit() {
        InvertedResidual u = InvertedResidual.v2(24, 24, 1, 6);
        assertTrue(u.hasShortcut());
        UnitParity.check("mobile/mbv2_residual_train.npz", u, new Shape(2, 24, 8, 8));
    }

    @Test
    void mobileNetV2StrideTwoUnit() {
        UnitParity.check(
                "mobile/mbv2_stride2_train.npz",
                InvertedResidual.v2(24, 32, 2, 6),
                new Shape(2, 24, 8, 8));
    }

    @Test
    void mobileNetV3UnitWithHardSigmoidSe() {
        UnitParity.check(
                "mobile/mbv3_se_train.npz",
                InvertedResidual.v3(40, 5, 120, 40, true, false, 1, 1),
                new Shape(2, 40, 8, 8));
    }

    @Test
    void mobileNetV3HardSwishStrideTwoUnit() {
        UnitParity.check(
                "mobile/mbv3_hs_stride2_train.npz",
                InvertedResidual.v3(40, 3, 240, 80, false, true, 2, 1),
                new Shape(2, 40, 8, 8));
    }

    @Test
    void mnasNetUnitWithItsMomentum() {
        UnitParity.check(
                "mobile/mnas_unit_train.npz",
                InvertedResidual.mnas(24, 24, 5, 1, 3, MnasNet.BN_MOMENTUM),
                new Shape(2, 24, 8, 8));
    }

    @Test
    void shuffleUnitStrideTwo() {
        UnitParity.check(
                "mobile/shuffle_stride2_train.npz",
                new ShuffleUnit(24, 48, 2),
                new Shape(2, 24, 8, 8));
    }

    @Test
    void shuffleUnitStrideOneSplitsAndShuffles() {
        UnitParity.check(
                "mobile/shuffle_stride1_train.npz",
                new ShuffleUnit(48, 48, 1),
                new Shape(2, 48, 8, 8));
    }

    @Test
    void mobileNetV1DepthwiseSeparableUnit() {
        UnitParity.check(
                "mobile/dwsep_train.npz",
                new DepthwiseSeparableConv(128, 128, 1, Activation.Type.RELU6),
                new Shape(2, 128, 8, 8));
    }

    @Test
    void xceptionEntryBlockWithoutLeadingRelu() {
        UnitParity.check(
                "mobile/xception_block1_train.npz",
                new XceptionBlock(64, 128, 2, 2, false, true),
                new Shape(2, 64, 9, 9));
    }

    @Test
    void xceptionMiddleBlockWithIdentityShortcut() {
        UnitParity.check(
                "mobile/xception_block4_train.npz",
                new XceptionBlock(728, 728, 3, 1, true, true),
                new Shape(2, 728, 5, 5));
    }

    @Test
    void xceptionExitBlockWideningLast() {
        UnitParity.check(
                "mobile/xception_block12_train.npz",
                new XceptionBlock(728, 1024, 2, 2, true, false),
                new Shape(2, 728, 5, 5));
    }

    @Test
    void shuffleV1FirstUnitUngroupedWithPoolShortcut() {
        UnitParity.check(
                "mobile/shufflev1_first_train.npz",
                new ShuffleV1Unit(24, 240, 3, 2, true),
                new Shape(2, 24, 8, 8));
    }

    @Test
    void shuffleV1ResidualUnitShufflesGroups() {
        UnitParity.check(
                "mobile/shufflev1_stride1_train.npz",
                new ShuffleV1Unit(480, 480, 3, 1, false),
                new Shape(2, 480, 4, 4));
    }

    @Test
    void shuffleV1EightGroupsStrideTwo() {
        UnitParity.check(
                "mobile/shufflev1_g8_stride2_train.npz",
                new ShuffleV1Unit(384, 768, 8, 2, false),
                new Shape(2, 384, 8, 8));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mobilenetv1_100",
                "legacy_xception",
                "squeezenet1_0",
                "squeezenet1_1",
                "mobilenet_v2",
                "mobilenet_v3_large",
                "mobilenet_v3_small",
                "mnasnet0_5",
                "mnasnet0_75",
                "mnasnet1_0",
                "mnasnet1_3",
                "shufflenet_v2_x0_5",
                "shufflenet_v2_x1_0",
                "shufflenet_v2_x1_5",
                "shufflenet_v2_x2_0"
            })
    void stateDictKeysEqualTorchvision(String name) {
        ReferenceChecks.assertStateDictKeys("mobile", name);
    }

    /**
     * A real torchvision or timm checkpoint ({@code torch.save} of a state_dict, the reference's
     * own random initialization) loads strictly by name and gives the reference's outputs.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "mobilenet_v3_small_w025_c10",
                "mobilenet_v2_w025_c10",
                "mobilenetv1_w025_c10"
            })
    void referenceCheckpointLoadsStrictly(String name) throws Exception {
        Block net =
                switch (name) {
                    case "mobilenet_v3_small_w025_c10" ->
                            MobileNetV3.builder()
                                    .setSize(MobileNetV3.Size.SMALL)
                                    .optWidthMultiplier(0.25f)
                                    .optNumClasses(10)
                                    .build();
                    case "mobilenet_v2_w025_c10" ->
                            MobileNetV2.builder()
                                    .optWidthMultiplier(0.25f)
                                    .optNumClasses(10)
                                    .build();
                    default ->
                            MobileNetV1.builder()
                                    .optWidthMultiplier(0.25f)
                                    .optNumClasses(10)
                                    .build();
                };
        Shape in = new Shape(2, 3, 64, 64);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, in);
            java.nio.file.Path pth =
                    java.nio.file.Path.of(
                            getClass().getResource("/fixtures/mobile/" + name + ".pth").toURI());
            LoadReport r = Weights.load(net, Weights.read(pth, null), true, null);
            assertTrue(r.isComplete(), r.describe());
            assertEquals(NamedParameters.of(net).size(), r.loaded().size(), name);
            NDArray y =
                    net.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.create(DeterministicWeights.input(in), in)),
                                    false)
                            .head();
            Npy.Array expected = Fixtures.npy("mobile/" + name + "_expected.npy");
            Fixtures.assertClose(name, expected, y.getShape().getShape(), y.toFloatArray());
        }
    }

    @Test
    void registryEqualsThePyTorchCounts() {
        ReferenceChecks.assertCounts("mobile", 20);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "squeezenet1_0:features.",
                "squeezenet1_1:features.",
                "legacy_xception:conv"
            })
    void belowTheMinimumInputIsAClearError(String spec) {
        ReferenceChecks.assertBelowMinimumFails(spec.split(":")[0], spec.split(":")[1]);
    }

    @Test
    void channelShuffleInterleavesTheGroups() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(6f).reshape(1, 6, 1, 1);
            NDArray y = ChannelShuffle.apply(x, 2);
            assertEquals(List.of(0f, 3f, 1f, 4f, 2f, 5f), boxed(y.toFloatArray()));
            assertThrows(IllegalArgumentException.class, () -> ChannelShuffle.apply(x, 4));
        }
    }

    /** Headless, with a new classifier, and the stage outputs' strides, for every kind of head. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "squeezenet1_1:512",
                "mobilenet_v2:1280",
                "mobilenet_v3_small:1024",
                "mnasnet0_5:1280",
                "shufflenet_v2_x0_5:1024",
                "mobilenetv1_100:1024",
                "shufflenet_v1_g3:960",
                "legacy_xception:2048"
            })
    void headlessFeaturesAndResetClassifier(String spec) {
        String name = spec.split(":")[0];
        int width = Integer.parseInt(spec.split(":")[1]);
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = (Network) ModelRegistry.get(name).build(0);
            Shape in = new Shape(2, 3, 64, 64);
            net.initialize(m, DataType.FLOAT32, in);
            assertEquals(width, net.numFeatures(), name);
            NDArray x = m.randomUniform(-1, 1, in);
            ParameterStore ps = new ParameterStore(m, false);
            assertEquals(
                    new Shape(2, width), net.forward(ps, new NDList(x), false).head().getShape());
            NDList stages = net.features(ps, x, false);
            assertEquals(net.featureNames().size(), stages.size(), name);
            long last = 64;
            for (NDArray s : stages) {
                assertTrue(s.getShape().get(2) < last, name + " strides grow: " + s.getShape());
                last = s.getShape().get(2);
            }
            net.resetClassifier(7);
            assertEquals(new Shape(2, 7), net.forward(ps, new NDList(x), false).head().getShape());
        }
    }

    /** torchvision's initializations, as documented. */
    @Test
    void initializationFollowsTorchvision() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> sq = params(m, "squeezenet1_1");
            // kaiming-uniform fan-in: U(±sqrt(6 / (3 * 9))) for features.0
            float max = sq.get("features.0.weight").getArray().abs().max().getFloat();
            double bound = Math.sqrt(6.0 / 27);
            assertTrue(max <= bound * 1.00001 && max > 0.9 * bound, "kaiming uniform " + max);
            assertEquals(0.01, std(sq.get("classifier.1.weight").getArray()), 2e-3);
            Map<String, Parameter> mn = params(m, "mnasnet0_5");
            float fc = mn.get("classifier.1.weight").getArray().abs().max().getFloat();
            double fcBound = Math.sqrt(3.0 / 1000);
            assertTrue(fc <= fcBound * 1.00001 && fc > 0.9 * fcBound, "uniform fan-out " + fc);
            Map<String, Parameter> v3 = params(m, "mobilenet_v3_small");
            assertEquals(0.01, std(v3.get("classifier.0.weight").getArray()), 2e-3);
        }
    }

    @Test
    void buildersNameWhatIsWrong() {
        assertMessage(() -> SqueezeNet.builder().build(), "version");
        assertMessage(() -> MobileNetV3.builder().build(), "size");
        assertMessage(() -> MnasNet.builder().build(), "alpha");
        assertMessage(() -> ShuffleNetV2.builder().build(), "width");
        assertMessage(() -> MobileNetV2.builder().optWidthMultiplier(0).build(), "width");
        assertMessage(() -> MobileNetV2.builder().optDropout(-0.1f).build(), "dropout");
        assertMessage(() -> new ShuffleUnit(24, 48, 1), "stride 1");
        assertMessage(() -> InvertedResidual.v2(8, 8, 3, 6), "stride");
        assertMessage(() -> ShuffleNetV1.builder().build(), "groups");
        assertMessage(() -> ShuffleNetV1.builder().setGroups(5).build(), "1, 2, 3, 4 or 8");
        assertMessage(() -> new ShuffleV1Unit(240, 480, 3, 1, false), "invalid channels");
        assertMessage(() -> MobileNetV1.builder().optWidthMultiplier(-1).build(), "width");
        assertEquals(
                List.of("features.1", "features.3", "features.6", "features.13", "features.18"),
                MobileNetV2.builder().build().featureNames());
    }

    @Test
    void mobileNetV3OptionsFollowTorchvision() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block reduced =
                    MobileNetV3.builder()
                            .setSize(MobileNetV3.Size.LARGE)
                            .optReducedTail(true)
                            .optDilated(true)
                            .build();
            reduced.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            Map<String, Parameter> p = NamedParameters.of(reduced);
            // the tail is halved (80 channels, 480 in the last conv) and the classifier hidden 640
            assertEquals(
                    new Shape(480, 80, 1, 1), p.get("features.16.0.weight").getArray().getShape());
            assertEquals(new Shape(640, 480), p.get("classifier.0.weight").getArray().getShape());
            // dilated: the last stage keeps stride 16
            NDArray y =
                    ((Network) reduced)
                            .forwardFeatures(
                                    new ParameterStore(m, false),
                                    m.zeros(new Shape(1, 3, 64, 64)),
                                    false);
            assertEquals(4, y.getShape().get(2));
        }
    }

    private static Map<String, Parameter> params(NDManager m, String name) {
        Block net = ModelRegistry.get(name).build();
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
        return NamedParameters.of(net);
    }

    private static List<Float> boxed(float[] a) {
        java.util.ArrayList<Float> out = new java.util.ArrayList<>();
        for (float f : a) {
            out.add(f);
        }
        return out;
    }
}

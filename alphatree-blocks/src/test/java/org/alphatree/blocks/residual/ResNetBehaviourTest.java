package org.alphatree.blocks.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.stream.Stream;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Pool2d;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResNetBehaviourTest {

    @Test
    void wrongChannelCountNamesTheNetworkAndShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get("resnet18").build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            BlockException e =
                    assertThrows(
                            BlockException.class,
                            () ->
                                    net.forward(
                                            new ParameterStore(m, false),
                                            new NDList(m.zeros(new Shape(1, 4, 64, 64))),
                                            false));
            assertTrue(e.getMessage().contains("(N, 3, H, W)"), e.getMessage());
            assertTrue(e.getMessage().contains("(1, 4, 64, 64)"), e.getMessage());
        }
    }

    @Test
    void wrongChannelsInsideAUnitNameThePathExpectedAndActualShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            Sequential s =
                    new Sequential()
                            .append("unit", new Bottleneck(16, 1, true, BlockConfig.defaults()));
            s.initialize(m, DataType.FLOAT32, new Shape(2, 64, 9, 9));
            BlockException e =
                    assertThrows(
                            BlockException.class,
                            () ->
                                    s.forward(
                                            new ParameterStore(m, false),
                                            new NDList(m.zeros(new Shape(2, 32, 9, 9))),
                                            false));
            assertEquals("unit.conv1", e.getPath());
            assertTrue(e.getMessage().contains("expected (N, 64, H, W)"), e.getMessage());
            assertTrue(e.getMessage().contains("(2, 32, 9, 9)"), e.getMessage());
        }
    }

    @Test
    void tooSmallInputForAPoolIsReported() {
        try (NDManager m = NDManager.newBaseManager()) {
            Sequential s = new Sequential().append("pool", Pool2d.max(3, 2, 0, false));
            s.initialize(m, DataType.FLOAT32, new Shape(1, 1, 3, 3));
            BlockException e =
                    assertThrows(
                            BlockException.class,
                            () ->
                                    s.forward(
                                            new ParameterStore(m, false),
                                            new NDList(m.zeros(new Shape(1, 1, 2, 2))),
                                            false));
            assertTrue(
                    e.getMessage().contains("pool") && e.getMessage().contains("too small"),
                    e.getMessage());
        }
    }

    static Stream<String> names() {
        return ModelRegistry.all().stream().map(ModelInfo::name);
    }

    /** Every network accepts its documented minimum input size. */
    @ParameterizedTest
    @MethodSource("names")
    void minimumInputSizeWorks(String name) {
        ModelInfo info = ModelRegistry.get(name);
        int s = info.minInputSize();
        try (NDManager m = NDManager.newBaseManager()) {
            int classes = name.startsWith("fid_") ? 1008 : 10;
            Block net = info.build(classes);
            Shape in = new Shape(1, info.defaultInputShape().get(1), s, s);
            net.initialize(m, DataType.FLOAT32, in);
            NDList y = net.forward(new ParameterStore(m, false), new NDList(m.zeros(in)), false);
            assertEquals(new Shape(1, classes), y.head().getShape());
        }
    }

    @Test
    void featuresReturnTheStageOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            ResNet net = (ResNet) ModelRegistry.get("resnet50").build();
            Shape in = new Shape(1, 3, 64, 64);
            net.initialize(m, DataType.FLOAT32, in);
            NDList f = net.features(new ParameterStore(m, false), m.zeros(in), false);
            assertEquals(net.featureNames().size(), f.size());
            assertEquals(new Shape(1, 64, 32, 32), f.get(0).getShape());
            assertEquals(new Shape(1, 256, 16, 16), f.get(1).getShape());
            assertEquals(new Shape(1, 512, 8, 8), f.get(2).getShape());
            assertEquals(new Shape(1, 1024, 4, 4), f.get(3).getShape());
            assertEquals(new Shape(1, 2048, 2, 2), f.get(4).getShape());
        }
    }

    @Test
    void parameterKeysAreTorchvisionStateDictKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get("resnet50").build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            var keys = NamedParameters.of(net).keySet();
            assertTrue(keys.contains("conv1.weight"));
            assertTrue(keys.contains("layer1.0.downsample.0.weight"));
            assertTrue(keys.contains("layer1.0.downsample.1.running_var"));
            assertTrue(keys.contains("layer4.2.bn3.bias"));
            assertTrue(keys.contains("fc.weight"));
            // torchvision resnet50: 320 state_dict entries less 53 num_batches_tracked
            assertEquals(267, keys.size());
        }
    }

    @Test
    void builderValidates() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ResNet.builder().setStages(ResNet.Unit.BASIC, 1, 2));
        assertThrows(
                IllegalArgumentException.class, () -> ResNet.builder().optNumClasses(-1).build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ResNet.builder()
                                .setStages(ResNet.Unit.BASIC, 2, 2, 2, 2)
                                .optConfig(BlockConfig.defaults().withGroups(32, 4))
                                .build());
    }

    @Test
    void zeroInitResidualZeroesTheLastBnScale() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ResNet.builder().optZeroInitResidual(true).optNumClasses(10).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            var p = NamedParameters.of(net);
            assertEquals(0f, p.get("layer2.1.bn3.weight").getArray().abs().sum().getFloat());
            assertEquals(64f, p.get("layer1.0.bn1.weight").getArray().sum().getFloat(), 1e-6);
            Block plain = ResNet.builder().optNumClasses(10).build();
            plain.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(
                    256f,
                    NamedParameters.of(plain)
                            .get("layer1.0.bn3.weight")
                            .getArray()
                            .sum()
                            .getFloat(),
                    1e-6);
        }
    }
}

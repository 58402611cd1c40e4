package org.alphatree.blocks.inception;

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
import java.util.Map;
import java.util.stream.Stream;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionA;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionB;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionC;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionD;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionE;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of the Inception family with torchvision and the FID network
 * (tools/fixtures/inception.py).
 */
class InceptionParityTest {

    @Test
    void fidFeatureBlocksMatchReference() {
        Map<String, Npy.Array> ref = Fixtures.npz("inception/fid_inception_v3_blocks.npz");
        Shape shape = new Shape(2, 3, 139, 139);
        try (NDManager m = NDManager.newBaseManager()) {
            FidInceptionV3 net = FidInceptionV3.create();
            net.initialize(m, DataType.FLOAT32, shape);
            DeterministicWeights.fill(net);
            NDList blocks =
                    net.pooledFeatures(
                            new ParameterStore(m, false),
                            m.create(DeterministicWeights.input(shape), shape),
                            false);
            for (int i = 0; i < 4; i++) {
                assertEquals(FidInceptionV3.BLOCK_DIMS[i], blocks.get(i).getShape().get(1));
                Fixtures.assertClose(
                        "block" + i,
                        ref.get("block" + i),
                        blocks.get(i).getShape().getShape(),
                        blocks.get(i).toFloatArray());
            }
        }
    }

    @Test
    void inceptionATrainModeAndGradients() {
        UnitParity.check(
                "inception/inception_a_train.npz", new InceptionA(32), new Shape(4, 192, 9, 9));
    }

    @Test
    void block35TrainModeAndGradients() {
        UnitParity.check(
                "inception/block35_train.npz",
                new InceptionResNetV2.Block35(0.17f),
                new Shape(4, 320, 7, 7));
    }

    static Stream<Arguments> blockCounts() {
        return Stream.of(
                Arguments.of(new InceptionA(32), 192, 255_904L),
                Arguments.of(new InceptionB(), 288, 1_153_280L),
                Arguments.of(new InceptionC(128), 768, 1_297_408L),
                Arguments.of(new InceptionD(), 768, 1_698_304L),
                Arguments.of(new InceptionE(), 1280, 5_044_608L));
    }

    /** torchvision's block-level trainable parameter counts. */
    @ParameterizedTest
    @MethodSource("blockCounts")
    void blockParameterCounts(Block block, int channels, long expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, channels, 17, 17));
            assertEquals(expected, BlockSummary.count(block, true));
        }
    }

    @Test
    void withoutAuxHeadsTheCountsDrop() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = GoogLeNet.builder().optAuxLogits(false).build();
            g.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            assertEquals(6_624_904L, BlockSummary.count(g, true));
            Block v3 = InceptionV3.builder().optAuxLogits(false).build();
            v3.initialize(m, DataType.FLOAT32, new Shape(1, 3, 80, 80));
            assertEquals(23_834_568L, BlockSummary.count(v3, true));
        }
    }

    @Test
    void trainingModeReturnsAuxLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block v3 = ModelRegistry.get("inception_v3").build(10);
            Shape s = new Shape(2, 3, 299, 299);
            v3.initialize(m, DataType.FLOAT32, s);
            NDList out = v3.forward(new ParameterStore(m, false), new NDList(m.ones(s)), true);
            assertEquals(2, out.size());
            assertEquals(new Shape(2, 10), out.get(1).getShape());
            assertEquals(
                    1,
                    v3.forward(new ParameterStore(m, false), new NDList(m.ones(s)), false).size());
        }
    }

    @Test
    void tooSmallInputNamesTheMinimum() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block v3 = ModelRegistry.get("inception_v3").build();
            v3.initialize(m, DataType.FLOAT32, new Shape(1, 3, 75, 75));
            BlockException e =
                    assertThrows(
                            BlockException.class,
                            () ->
                                    v3.forward(
                                            new ParameterStore(m, false),
                                            new NDList(m.zeros(new Shape(1, 3, 74, 74))),
                                            false));
            assertTrue(e.getMessage().contains("at least 75x75"), e.getMessage());
        }
    }

    @Test
    void keysAreTorchvisionKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block v3 = FidInceptionV3.create();
            v3.initialize(m, DataType.FLOAT32, new Shape(1, 3, 75, 75));
            var keys = NamedParameters.of(v3).keySet();
            assertTrue(keys.contains("Mixed_5b.branch1x1.conv.weight"));
            assertTrue(keys.contains("Mixed_7c.branch3x3dbl_3b.bn.running_var"));
            assertTrue(keys.contains("fc.bias"));
            // 94 BasicConv2d units (conv + 4 BN tensors) + fc weight and bias
            assertEquals(94 * 5 + 2, keys.size());
        }
    }

    @Test
    void auxiliaryHeadTrainModeAndGradients() {
        UnitParity.check(
                "inception/inception_aux_train.npz",
                new InceptionAux(10),
                new Shape(4, 768, 17, 17));
    }

    /** GoogLeNet's adaptive pool with overlapping windows equals F.adaptive_avg_pool2d. */
    @Test
    void adaptivePoolEqualsTorch() {
        Map<String, Npy.Array> ref = Fixtures.npz("inception/adaptive_pool.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            Npy.Array in = ref.get("input");
            NDArray x = m.create(in.toFloats(), new Shape(in.shape()));
            ParameterStore ps = new ParameterStore(m, false);
            for (int[] o : new int[][] {{4, 4}, {3, 5}}) {
                org.alphatree.blocks.layers.AdaptiveAvgPool2d pool =
                        new org.alphatree.blocks.layers.AdaptiveAvgPool2d(o[0], o[1]);
                NDArray y = pool.forward(ps, new NDList(x), false).head();
                Fixtures.assertClose(
                        "out" + o[0] + "x" + o[1],
                        ref.get("out" + o[0] + "x" + o[1]),
                        y.getShape().getShape(),
                        y.toFloatArray());
            }
        }
    }
}

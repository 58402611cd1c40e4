package org.alphatree.blocks.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.dualpath.CatBnAct;
import org.alphatree.blocks.dualpath.DualPathBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;

/** Parity of DenseNet (torchvision) and DPN (timm) (tools/fixtures/dense.py). */
class DenseParityTest {

    @Test
    void denseBlockWithTransitionTrainModeAndGradients() {
        Block unit = new Sequential().add(new DenseBlock(3, 4, 32, 0f)).add(new Transition(80));
        UnitParity.check("dense/dense_block_train.npz", unit, new Shape(4, 64, 9, 9));
    }

    @Test
    void dualPathBlocksTrainModeAndGradients() {
        Block unit =
                new Sequential()
                        .add(new DualPathBlock(32, 32, 64, 16, 8, DualPathBlock.Type.PROJ, false))
                        .add(new DualPathBlock(32, 32, 64, 16, 8, DualPathBlock.Type.NORMAL, false))
                        .add(new CatBnAct(Activation.Type.RELU));
        UnitParity.check("dense/dual_path_train.npz", unit, new Shape(4, 64, 9, 9));
    }

    static long count(Block b, Shape in) {
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, in);
            return BlockSummary.count(b, true);
        }
    }

    /** torchvision's block-level counts. */
    @Test
    void denseBlockLevelCounts() {
        assertEquals(45_440L, count(new DenseLayer(32, 4, 0f), new Shape(1, 64, 56, 56)));
        assertEquals(335_040L, count(new DenseBlock(6, 4, 32, 0f), new Shape(1, 64, 56, 56)));
        assertEquals(33_280L, count(new Transition(128), new Shape(1, 256, 56, 56)));
        try (NDManager m = NDManager.newBaseManager()) {
            DenseBlock b = new DenseBlock(6, 4, 32, 0f);
            Shape in = new Shape(1, 64, 56, 56);
            b.initialize(m, DataType.FLOAT32, in);
            assertEquals(
                    new Shape(1, 256, 56, 56),
                    b.forward(new ParameterStore(m, false), new NDList(m.zeros(in)), false)
                            .head()
                            .getShape());
        }
    }

    /** timm dpn92 features.conv2_1: 53,920 parameters, 64×56² → (256×56², 48×56²). */
    @Test
    void dpn92FirstBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get("dpn92").build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            long n =
                    NamedParameters.of(net).entrySet().stream()
                            .filter(
                                    e ->
                                            e.getKey().startsWith("features.conv2_1.")
                                                    && e.getValue().requiresGradient())
                            .mapToLong(e -> e.getValue().getArray().size())
                            .sum();
            assertEquals(53_920L, n);
            DualPathBlock b =
                    new DualPathBlock(96, 96, 256, 16, 32, DualPathBlock.Type.PROJ, false);
            Shape in = new Shape(1, 64, 56, 56);
            b.initialize(m, DataType.FLOAT32, in);
            NDList out = b.forward(new ParameterStore(m, false), new NDList(m.zeros(in)), false);
            assertEquals(new Shape(1, 256, 56, 56), out.get(0).getShape());
            assertEquals(new Shape(1, 48, 56, 56), out.get(1).getShape());
        }
    }

    @Test
    void wrongChannelsNameTheBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            Sequential s = new Sequential().append("block", new DenseBlock(2, 4, 32, 0f));
            s.initialize(m, DataType.FLOAT32, new Shape(1, 64, 8, 8));
            BlockException e =
                    assertThrows(
                            BlockException.class,
                            () ->
                                    s.forward(
                                            new ParameterStore(m, false),
                                            new NDList(m.zeros(new Shape(1, 32, 8, 8))),
                                            false));
            assertTrue(e.getPath().startsWith("block.denselayer1"), e.getPath());
            assertTrue(e.getMessage().contains("(1, 32, 8, 8)"), e.getMessage());
        }
    }

    @Test
    void featuresReturnTheStageOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 64, 64);
            DenseNet d = (DenseNet) ModelRegistry.get("densenet121").build();
            d.initialize(m, DataType.FLOAT32, in);
            NDList f = d.features(new ParameterStore(m, false), m.zeros(in), false);
            assertEquals(5, f.size());
            assertEquals(new Shape(1, 64, 32, 32), f.get(0).getShape());
            assertEquals(new Shape(1, 256, 16, 16), f.get(1).getShape());
            assertEquals(new Shape(1, 1024, 2, 2), f.get(4).getShape());
            org.alphatree.blocks.dualpath.DPN p =
                    (org.alphatree.blocks.dualpath.DPN) ModelRegistry.get("dpn92").build();
            p.initialize(m, DataType.FLOAT32, in);
            NDList g = p.features(new ParameterStore(m, false), m.zeros(in), false);
            assertEquals(5, g.size());
            assertEquals(new Shape(1, 64, 32, 32), g.get(0).getShape());
            assertEquals(new Shape(1, 336, 16, 16), g.get(1).getShape());
            assertEquals(new Shape(1, 2688, 2, 2), g.get(4).getShape());
        }
    }
}

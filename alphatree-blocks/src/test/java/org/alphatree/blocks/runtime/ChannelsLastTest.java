package org.alphatree.blocks.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.residual.BlockConfig;
import org.alphatree.blocks.residual.Bottleneck;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ChannelsLastTest {

    @Test
    void valuesAndShapeAreUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x =
                    m.create(
                            DeterministicWeights.input(new Shape(2, 3, 5, 7)),
                            new Shape(2, 3, 5, 7));
            NDArray cl = ChannelsLast.of(x);
            assertEquals(x.getShape(), cl.getShape());
            assertArrayEquals(x.toFloatArray(), cl.toFloatArray());
            NDArray flat = m.ones(new Shape(2, 3));
            assertSame(flat, ChannelsLast.of(flat));
        }
    }

    /** In training, the converted input backpropagates: same gradients as the NCHW run. */
    @Test
    void trainingGradientsMatchTheNchwRun() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            // the block catalog's conv_bn_act: a 3x3 conv-BN-ReLU at ResNet's stage 1
            Shape input = new Shape(1, 64, 56, 56);
            Block unit = ConvNormAct.builder().setFilters(64).setKernel(3).optPadding(1).build();
            unit.initialize(m, DataType.FLOAT32, input);
            DeterministicWeights.fill(unit);
            float[][] grads = new float[2][];
            for (int run = 0; run < 2; run++) {
                try (NDManager scope = m.newSubManager()) {
                    NDArray x = scope.create(DeterministicWeights.input(input), input);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray in = run == 0 ? x : ChannelsLast.of(x);
                        NDArray y = unit.forward(ps, new NDList(in), true).head();
                        gc.backward(y.sum());
                    }
                    grads[run] = x.getGradient().toFloatArray();
                }
                Gradients.zero(unit);
            }
            double rel = Fixtures.relError(grads[0], grads[1]);
            assertTrue(rel < 1e-5, "input gradients differ by " + rel);
        }
    }

    /** A network's logits and a block's 4-D output read back equal to the NCHW run. */
    @Test
    void outputsMatchTheNchwRun() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            Shape in = new Shape(2, 3, 64, 64);
            Block net = ModelRegistry.get("resnet18").build();
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            // the block catalog's bottleneck: resnet50 layer1.0
            Shape unitIn = new Shape(1, 64, 56, 56);
            Block unit = new Bottleneck(64, 1, true, BlockConfig.defaults());
            unit.initialize(m, DataType.FLOAT32, unitIn);
            DeterministicWeights.fill(unit);
            for (Object[] c : new Object[][] {{net, in}, {unit, unitIn}}) {
                Block b = (Block) c[0];
                Shape s = (Shape) c[1];
                try (NDManager scope = m.newSubManager()) {
                    NDArray x = scope.create(DeterministicWeights.input(s), s);
                    float[] nchw = b.forward(ps, new NDList(x), false).head().toFloatArray();
                    NDArray y = b.forward(ps, new NDList(ChannelsLast.of(x)), false).head();
                    double rel = Fixtures.relError(nchw, y.toFloatArray());
                    assertTrue(rel < 1e-5, b + ": channels-last run differs by " + rel);
                }
            }
        }
    }
}

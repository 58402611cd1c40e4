package org.alphatree.blocks.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place ReLU: bit for bit the out-of-place one, used only where it is safe. */
class InPlaceTest {

    private static final Shape LARGE = new Shape(2, 64, 64, 64); // 2^19 elements

    private static float[] values(Shape shape) {
        float[] v = DeterministicWeights.input(shape);
        v[0] = Float.NaN;
        v[1] = -0.0f;
        v[2] = Float.NEGATIVE_INFINITY;
        v[3] = Float.POSITIVE_INFINITY;
        return v;
    }

    @Test
    void largeArraysAreWrittenInPlaceWithTheSameBits() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = values(LARGE);
            float[] expected = ai.djl.nn.Activation.relu(m.create(v, LARGE)).toFloatArray();
            NDArray owned = m.create(v, LARGE);
            NDArray y = InPlace.relu(owned);
            assertEquals(LARGE, y.getShape());
            assertArrayEquals(expected, y.toFloatArray());
            // the memory was reused: the owner's array now holds the ReLU too
            assertArrayEquals(expected, owned.toFloatArray());
        }
    }

    @Test
    void smallArraysAndRecordedGradientsAreLeftUntouched() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape small = new Shape(1, 8, 8, 8);
            float[] v = values(small);
            NDArray x = m.create(v, small);
            NDArray y = InPlace.relu(x);
            assertArrayEquals(v, x.toFloatArray(), "a small array is not overwritten");
            assertEquals(0f, y.toFloatArray()[2], "relu(-inf)");

            NDArray big = m.create(values(LARGE), LARGE);
            big.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray h = big.mul(1f);
                NDArray r = InPlace.relu(h);
                assertArrayEquals(big.mul(1f).toFloatArray(), h.toFloatArray());
                gc.backward(r.sum());
            }
            float[] g = big.getGradient().toFloatArray();
            float[] in = values(LARGE);
            for (int i = 4; i < g.length; i += 997) {
                assertEquals(in[i] > 0 ? 1f : 0f, g[i], "gradient at " + i);
            }
        }
    }

    @Test
    void theSwitchTurnsItOff() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = values(LARGE);
            NDArray x = m.create(v, LARGE);
            System.setProperty("alphatree.inplace", "false");
            try {
                InPlace.relu(x);
            } finally {
                System.clearProperty("alphatree.inplace");
            }
            assertArrayEquals(v, x.toFloatArray());
        }
    }

    /**
     * Networks whose ReLUs run in place (after a convolution or norm in a chain or sequence:
     * ResNet's units and stem, ConvNormAct, DenseNet's layers, VGG's Sequential) give exactly the
     * out-of-place outputs and leave their input as it was, at a size where the in-place call is
     * taken.
     */
    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "googlenet", "densenet121", "vgg11"})
    void networksGiveTheSameOutputsAndKeepTheirInput(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            // batch 4: stage 1's activations (4 x 64 x 56 x 56) pass InPlace.MIN_ELEMENTS
            Shape in = new Shape(4, 3, 224, 224);
            Block net = ModelRegistry.get(name).build();
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            float[] input = DeterministicWeights.input(in);
            float[][] out = new float[2][];
            long before = InPlace.WRITTEN.sum();
            for (int run = 0; run < 2; run++) {
                if (run == 1) {
                    System.setProperty("alphatree.inplace", "false");
                }
                try (NDManager scope = m.newSubManager()) {
                    NDArray x = scope.create(input, in);
                    out[run] = net.forward(ps, new NDList(x), false).head().toFloatArray();
                    if (run == 0) {
                        assertTrue(InPlace.WRITTEN.sum() > before, name + ": nothing ran in place");
                        before = InPlace.WRITTEN.sum();
                    } else {
                        assertEquals(before, InPlace.WRITTEN.sum(), name + ": ran in place");
                    }
                    assertArrayEquals(input, x.toFloatArray(), name + ": the input changed");
                } finally {
                    System.clearProperty("alphatree.inplace");
                }
            }
            assertArrayEquals(out[1], out[0], name);
            assertTrue(out[0].length > 0);
        }
    }

    /**
     * A ReLU after an identity keeps the identity's input status: here a view of the sequence's
     * input, which must not be overwritten.
     */
    @Test
    void aViewOfTheInputIsNeverOverwritten() {
        try (NDManager m = NDManager.newBaseManager()) {
            org.alphatree.blocks.core.Sequential seq =
                    new org.alphatree.blocks.core.Sequential()
                            .add(
                                    new ai.djl.nn.LambdaBlock(
                                            l -> new NDList(l.head().reshape(l.head().getShape()))))
                            .add(
                                    new org.alphatree.blocks.layers.Activation(
                                            org.alphatree.blocks.layers.Activation.Type.IDENTITY))
                            .add(org.alphatree.blocks.layers.Activation.reluBlock());
            seq.initialize(m, DataType.FLOAT32, LARGE);
            float[] v = values(LARGE);
            NDArray x = m.create(v, LARGE);
            NDArray y = seq.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertArrayEquals(v, x.toFloatArray(), "the input was overwritten");
            assertEquals(0f, y.toFloatArray()[2], "relu(-inf)");
        }
    }
}

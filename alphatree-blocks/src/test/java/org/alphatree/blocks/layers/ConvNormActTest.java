package org.alphatree.blocks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;

class ConvNormActTest {

    private static ConvNormAct.Builder preActivation() {
        return ConvNormAct.builder()
                .setFilters(4)
                .setKernel(3)
                .optPadding(1)
                .optStride(2)
                .optGroups(2)
                .optPreActivation(() -> BatchNormAct2d.lazy(1e-3f, 0.1f, Activation.Type.RELU));
    }

    /**
     * The pre-activation order (DPN's units, timm {@code BnActConv2d}): the norm takes its channels
     * from the input, the keys are {@code bn.*} then {@code conv.*}, and eval computes {@code
     * conv(relu((x − μ) / √(σ² + ε) · γ + β))}, checked against the formula.
     */
    @Test
    void preActivationIsNormActThenConvUnderTimmKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvNormAct u = preActivation().build();
            Shape in = new Shape(2, 6, 5, 5);
            u.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(u);
            Map<String, Parameter> p = NamedParameters.of(u);
            assertEquals(
                    List.of(
                            "bn.weight",
                            "bn.bias",
                            "bn.running_mean",
                            "bn.running_var",
                            "conv.weight"),
                    List.copyOf(p.keySet()).subList(0, 5));
            assertEquals(new Shape(6), p.get("bn.weight").getArray().getShape());
            assertEquals("BnActConv(3x3, 4, stride 2, groups 2)", u.kind());

            NDArray x = m.create(DeterministicWeights.input(in), in);
            Shape c = new Shape(1, 6, 1, 1);
            NDArray bn =
                    x.sub(p.get("bn.running_mean").getArray().reshape(c))
                            .div(p.get("bn.running_var").getArray().reshape(c).add(1e-3f).sqrt())
                            .mul(p.get("bn.weight").getArray().reshape(c))
                            .add(p.get("bn.bias").getArray().reshape(c));
            NDArray expected =
                    Conv2d.conv2d(
                                    bn.maximum(0f),
                                    p.get("conv.weight").getArray(),
                                    null,
                                    new Shape(2, 2),
                                    new Shape(1, 1),
                                    new Shape(1, 1),
                                    2)
                            .singletonOrThrow();
            NDArray y = u.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertEquals(new Shape(2, 4, 3, 3), y.getShape());
            assertTrue(expected.allClose(y, 1e-5, 1e-5, false), "pre-activation output");
            assertFalse(u.fuse(), "a norm before the convolution does not fold into it");
        }
    }

    @Test
    void preActivationHasNoTorchvisionSequence() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> preActivation().buildSequential());
        assertTrue(e.getMessage().contains("pre-activation"), e.getMessage());
    }
}

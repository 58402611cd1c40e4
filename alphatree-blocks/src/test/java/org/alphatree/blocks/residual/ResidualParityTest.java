package org.alphatree.blocks.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.DeterministicWeights;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of the residual family with torchvision/timm: fixtures from tools/fixtures/residual.py,
 * same deterministic weights on both sides.
 */
class ResidualParityTest {

    private static final Shape INPUT = new Shape(2, 3, 80, 80);

    static Stream<String> models() {
        String manifest = Fixtures.text("residual/manifest.json");
        Matcher m = Pattern.compile("\"(\\w+)\": \\{\\s*\"output_abs_max\"").matcher(manifest);
        Stream.Builder<String> b = Stream.builder();
        int n = 0;
        while (m.find()) {
            b.add(m.group(1));
            n++;
        }
        assertEquals(new ResNets().models().size(), n, "manifest lists every residual network");
        return b.build();
    }

    private static NDArray input(NDManager m, Shape shape) {
        return m.create(DeterministicWeights.input(shape), shape);
    }

    /** Eval-mode logits equal the reference's. */
    @ParameterizedTest
    @MethodSource("models")
    void networkOutputMatchesReference(String name) {
        Npy.Array expected = Fixtures.npy("residual/" + name + ".npy");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get(name).build();
            net.initialize(m, DataType.FLOAT32, INPUT);
            DeterministicWeights.fill(net);
            assertEquals(
                    ModelRegistry.get(name).trainableParameters(), BlockSummary.count(net, true));
            NDArray y =
                    net.forward(new ParameterStore(m, false), new NDList(input(m, INPUT)), false)
                            .singletonOrThrow();
            Fixtures.assertClose(name, expected, y.getShape().getShape(), y.toFloatArray());
        }
    }

    static Stream<Arguments> units() {
        BlockConfig d = BlockConfig.defaults();
        return Stream.of(
                Arguments.of("bottleneck", new Bottleneck(32, 2, true, d), new Shape(4, 64, 9, 9)),
                Arguments.of("basicblock", new BasicBlock(64, 2, true, d), new Shape(4, 32, 9, 9)),
                Arguments.of(
                        "seresnext_bottleneck",
                        new Bottleneck(32, 2, true, d.withGroups(8, 4).withSe(1 / 16.0)),
                        new Shape(4, 64, 9, 9)),
                Arguments.of(
                        "resnetd_bottleneck",
                        new Bottleneck(32, 2, true, d.withAvgDown(true)),
                        new Shape(4, 64, 9, 9)),
                Arguments.of(
                        "preact_bottleneck",
                        new PreActBottleneck(128, 2, true, 0f),
                        new Shape(4, 64, 9, 9)));
    }

    /**
     * Eval output, train-mode output (batch statistics), running statistics after the step, and
     * gradients of sum(y * r) w.r.t. the input and every parameter equal the reference's.
     */
    @ParameterizedTest
    @MethodSource("units")
    void unitTrainModeAndGradientsMatchReference(String name, Block unit, Shape shape) {
        UnitParity.check("residual/" + name + "_train.npz", unit, shape);
    }
}

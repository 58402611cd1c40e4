package org.alphatree.blocks.residual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.DeterministicWeights;
import org.alphatree.blocks.weights.NamedParameters;
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
        assertEquals(ModelRegistry.all().size(), n, "manifest lists every residual network");
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
        Map<String, Npy.Array> ref = Fixtures.npz("residual/" + name + "_train.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            unit.initialize(m, DataType.FLOAT32, shape);
            DeterministicWeights.fill(unit);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray yEval = unit.forward(ps, new NDList(input(m, shape)), false).singletonOrThrow();
            Fixtures.assertClose(
                    name + " eval",
                    ref.get("eval_output"),
                    yEval.getShape().getShape(),
                    yEval.toFloatArray());

            NDArray x = input(m, shape);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = unit.forward(ps, new NDList(x), true).singletonOrThrow();
                Fixtures.assertClose(
                        name + " train",
                        ref.get("train_output"),
                        y.getShape().getShape(),
                        y.toFloatArray());
                NDArray r = m.create(lossWeights(y.getShape()), y.getShape());
                gc.backward(y.mul(r).sum());
            }
            Fixtures.assertClose(
                    name + " grad input",
                    ref.get("grad.input"),
                    shape.getShape(),
                    x.getGradient().toFloatArray());
            int grads = 0;
            int stats = 0;
            for (Map.Entry<String, Parameter> e : NamedParameters.of(unit).entrySet()) {
                NDArray a = e.getValue().getArray();
                if (e.getValue().requiresGradient()) {
                    Npy.Array g = ref.get("grad." + e.getKey());
                    assertNotNull(g, "reference has no gradient for " + e.getKey());
                    Fixtures.assertClose(
                            name + " grad " + e.getKey(),
                            g,
                            a.getShape().getShape(),
                            a.getGradient().toFloatArray());
                    grads++;
                } else {
                    Npy.Array after = ref.get("after." + e.getKey());
                    assertNotNull(after, "reference has no running stat " + e.getKey());
                    Fixtures.assertClose(
                            name + " " + e.getKey(),
                            after,
                            a.getShape().getShape(),
                            a.toFloatArray());
                    stats++;
                }
            }
            long refGrads =
                    ref.keySet().stream()
                            .filter(k -> k.startsWith("grad.") && !k.equals("grad.input"))
                            .count();
            assertEquals(refGrads, grads, "every reference parameter has a twin");
            assertTrue(stats > 0);
        }
    }

    private static float[] lossWeights(Shape shape) {
        float[] r = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Math.cos(0.11 * i);
        }
        return r;
    }
}

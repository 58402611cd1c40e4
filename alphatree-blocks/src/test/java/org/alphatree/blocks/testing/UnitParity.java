package org.alphatree.blocks.testing;

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
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;

/**
 * Train-mode and gradient parity of one unit against a fixture written by a generator's unit
 * section: eval output, train-mode output, gradients of {@code sum(y * cos(0.11 i))} w.r.t. the
 * input and every parameter, and running statistics after the train-mode step.
 */
public final class UnitParity {
    private UnitParity() {}

    /** A gradient below this fraction of the unit's largest is zero up to float rounding. */
    private static final double ZERO = 1e-5;

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    /**
     * Runs the comparison.
     *
     * @param resource the fixture .npz under fixtures/
     * @param unit the unit, uninitialized
     * @param shape the input shape
     */
    public static void check(String resource, Block unit, Shape shape) {
        run(resource, unit, new Shape[] {shape}, new String[] {"input"});
    }

    /**
     * Runs the comparison for a unit of several inputs, {@code input<i>} = the deterministic input
     * of shape i (the fixture's {@code grad.input<i>}).
     *
     * @param resource the fixture .npz under fixtures/
     * @param unit the unit, uninitialized
     * @param shapes the input shapes
     */
    public static void checkInputs(String resource, Block unit, Shape... shapes) {
        String[] keys = new String[shapes.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "input" + i;
        }
        run(resource, unit, shapes, keys);
    }

    /**
     * The inputs: the fixture's own {@code input<i>} where it stored one (integer inputs such as
     * class labels, given as int64 and never differentiated), else the deterministic input.
     */
    private static NDList inputs(
            NDManager m, Map<String, Npy.Array> ref, Shape[] shapes, String[] keys, boolean grad) {
        NDList in = new NDList();
        for (int i = 0; i < shapes.length; i++) {
            Npy.Array given = ref.get(keys[i]);
            if (given != null) {
                float[] v = given.toFloats();
                long[] labels = new long[v.length];
                for (int j = 0; j < v.length; j++) {
                    labels[j] = Math.round(v[j]);
                }
                in.add(m.create(labels, shapes[i]));
                continue;
            }
            NDArray x = m.create(DeterministicWeights.input(shapes[i]), shapes[i]);
            if (grad) {
                x.setRequiresGradient(true);
            }
            in.add(x);
        }
        return in;
    }

    private static void run(String resource, Block unit, Shape[] shapes, String[] inputKeys) {
        Map<String, Npy.Array> ref = Fixtures.npz(resource);
        try (NDManager m = NDManager.newBaseManager()) {
            unit.initialize(m, DataType.FLOAT32, shapes);
            DeterministicWeights.fill(unit);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray yEval =
                    unit.forward(ps, inputs(m, ref, shapes, inputKeys, false), false).head();
            Fixtures.assertClose(
                    resource + " eval",
                    ref.get("eval_output"),
                    yEval.getShape().getShape(),
                    yEval.toFloatArray());
            NDList xs = inputs(m, ref, shapes, inputKeys, true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = unit.forward(ps, xs, true).head();
                Fixtures.assertClose(
                        resource + " train",
                        ref.get("train_output"),
                        y.getShape().getShape(),
                        y.toFloatArray());
                float[] r = new float[Math.toIntExact(y.getShape().size())];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (float) Math.cos(0.11 * i);
                }
                gc.backward(y.mul(m.create(r, y.getShape())).sum());
            }
            for (int i = 0; i < shapes.length; i++) {
                if (ref.containsKey(inputKeys[i])) {
                    continue; // a given integer input
                }
                assertGradient(
                        resource,
                        ref,
                        inputKeys[i],
                        shapes[i],
                        xs.get(i).getGradient().toFloatArray());
            }
            int grads = 0;
            int stats = 0;
            for (Map.Entry<String, Parameter> e : NamedParameters.of(unit).entrySet()) {
                NDArray a = e.getValue().getArray();
                if (e.getValue().requiresGradient()) {
                    assertNotNull(
                            ref.get("grad." + e.getKey()),
                            "reference has no gradient for " + e.getKey());
                    assertGradient(
                            resource,
                            ref,
                            e.getKey(),
                            a.getShape(),
                            a.getGradient().toFloatArray());
                    grads++;
                } else {
                    Npy.Array after = ref.get("after." + e.getKey());
                    assertNotNull(after, "reference has no running stat " + e.getKey());
                    Fixtures.assertClose(
                            resource + " " + e.getKey(),
                            after,
                            a.getShape().getShape(),
                            a.toFloatArray());
                    stats++;
                }
            }
            java.util.List<String> inputs = java.util.List.of(inputKeys);
            long refGrads =
                    ref.keySet().stream()
                            .filter(k -> k.startsWith("grad.") && !inputs.contains(k.substring(5)))
                            .count();
            assertEquals(refGrads, grads, "every reference parameter has a twin");
            long refStats = ref.keySet().stream().filter(k -> k.startsWith("after.")).count();
            assertEquals(refStats, stats, "every reference running statistic has a twin");
        }
    }

    /**
     * Compares a gradient with the reference's {@code grad.<key>}, or, where the fixture stored
     * only every s-th value ({@code stride.<key>} = [s]), with that sample of it.
     */
    private static void assertGradient(
            String resource, Map<String, Npy.Array> ref, String key, Shape shape, float[] g) {
        Npy.Array expected = ref.get("grad." + key);
        Npy.Array stride = ref.get("stride." + key);
        int s = stride == null ? 1 : (int) stride.toFloats()[0];
        float[] sample = g;
        if (s > 1) {
            sample = new float[(g.length + s - 1) / s];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = g[i * s];
            }
        }
        double scale = 0;
        for (Map.Entry<String, Npy.Array> e : ref.entrySet()) {
            if (e.getKey().startsWith("grad.")) {
                scale = Math.max(scale, maxAbs(e.getValue().toFloats()));
            }
        }
        if (maxAbs(expected.toFloats()) <= ZERO * scale) {
            // zero up to float rounding in the reference (a conv bias before a train-mode
            // BatchNorm, which subtracts the batch mean): no relative error is meaningful; the
            // gradient must be just as negligible here
            // (compared on the same sample as the reference stored)
            assertTrue(
                    maxAbs(sample) <= ZERO * scale,
                    resource + " grad " + key + ": reference is ~0, got max " + maxAbs(sample));
            return;
        }
        if (s == 1) {
            Fixtures.assertClose(resource + " grad " + key, expected, shape.getShape(), g);
            return;
        }
        Fixtures.assertClose(
                resource + " grad " + key + " (every " + s + "th value)",
                expected,
                new long[] {sample.length},
                sample);
    }

    /**
     * Eval-mode output of a network with deterministic weights against a fixture .npy.
     *
     * @param resource the expected output under fixtures/
     * @param net the network, uninitialized
     * @param shape the input shape
     * @return the network's output
     */
    public static float[] checkEval(String resource, Block net, Shape shape) {
        Npy.Array expected = Fixtures.npy(resource);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, shape);
            DeterministicWeights.fill(net);
            NDArray y =
                    net.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.create(DeterministicWeights.input(shape), shape)),
                                    false)
                            .head();
            Fixtures.assertClose(resource, expected, y.getShape().getShape(), y.toFloatArray());
            return y.toFloatArray();
        }
    }
}

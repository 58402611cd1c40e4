package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;

/** Feature matching, historical averaging, one-sided smoothing (tools/fixtures/improved.py). */
class ImprovedTechniquesTest {

    @Test
    void featureMatchingEqualsBothAnchors() {
        Map<String, Npy.Array> ref = Fixtures.npz("improved/feature_matching.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(ref.get("real").toFloats(), new Shape(6, 10));
            for (FeatureMatchingLoss.Norm norm : FeatureMatchingLoss.Norm.values()) {
                String key =
                        norm == FeatureMatchingLoss.Norm.L1_MEAN ? "l1_means" : "squared_l2_means";
                NDArray fake = m.create(ref.get("fake").toFloats(), new Shape(6, 10));
                fake.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l =
                            new FeatureMatchingLoss(norm)
                                    .evaluate(new NDList(real), new NDList(fake));
                    Fixtures.assertClose(
                            key, ref.get(key), new long[] {1}, new float[] {l.getFloat()});
                    gc.backward(l);
                }
                Fixtures.assertClose(
                        "grad " + key,
                        ref.get("grad." + key),
                        new long[] {6, 10},
                        fake.getGradient().toFloatArray());
            }
            NDArray other = m.zeros(new Shape(6, 9));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new FeatureMatchingLoss().evaluate(new NDList(real), new NDList(other)));
        }
    }

    /** torchgan's semantics: the first call records, later calls penalize the distance. */
    @Test
    void historicalAveragingEqualsTheTwin() {
        Map<String, Npy.Array> ref = Fixtures.npz("improved/historical_averaging.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.Block lin = Layers.linear(4, true);
            lin.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            Map<String, Parameter> p = NamedParameters.of(lin);
            try (HistoricalAveraging ha = new HistoricalAveraging(lin, 1f, m)) {
                for (int step = 0; step < 3; step++) {
                    // torch's (3, 4) "w" is DJL's (4, 3) weight transposed
                    float[] w = ref.get("step" + step + ".w").toFloats();
                    p.get("weight").getArray().set(transpose(w, 3, 4));
                    p.get("bias").getArray().set(ref.get("step" + step + ".b").toFloats());
                    org.alphatree.blocks.core.Gradients.zero(lin);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray penalty = ha.penalty();
                        if (step == 0) {
                            assertEquals(0f, penalty.getFloat());
                            continue;
                        }
                        Fixtures.assertClose(
                                "penalty " + step,
                                ref.get("step" + step + ".penalty"),
                                new long[] {1},
                                new float[] {penalty.getFloat()});
                        gc.backward(penalty);
                    }
                    Fixtures.assertClose(
                            "grad w " + step,
                            ref.get("step" + step + ".grad.w"),
                            new long[] {3, 4},
                            transpose(
                                    p.get("weight").getArray().getGradient().toFloatArray(), 4, 3));
                    Fixtures.assertClose(
                            "grad b " + step,
                            ref.get("step" + step + ".grad.b"),
                            new long[] {4},
                            p.get("bias").getArray().getGradient().toFloatArray());
                }
                assertEquals(3, ha.steps());
            }
        }
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** Real target 0.9 (the paper) or 0.75 (openai's code): CE with that target on real logits. */
    @Test
    void oneSidedLabelSmoothingTakesTheRealTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray r = m.create(new float[] {0.3f, -1.2f});
            NDArray f = m.create(new float[] {0.5f});
            for (float target : new float[] {0.9f, 0.75f, 1f}) {
                float l =
                        MinimaxLoss.discriminatorWithRealTarget(target, Reduction.MEAN)
                                .evaluate(new NDList(r), new NDList(f))
                                .getFloat();
                double want = 0;
                for (double x : new double[] {0.3, -1.2}) {
                    want += (Math.log1p(Math.exp(x)) - x * target) / 2;
                }
                want += Math.log1p(Math.exp(0.5)); // the fake target stays 0
                assertEquals(want, l, 1e-5, "target " + target);
            }
            assertThrows(
                    IllegalArgumentException.class,
                    () -> MinimaxLoss.discriminatorWithRealTarget(0.4f, Reduction.MEAN));
        }
    }
}

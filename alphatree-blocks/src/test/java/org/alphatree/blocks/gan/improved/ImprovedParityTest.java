package org.alphatree.blocks.gan.improved;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;

/**
 * Minibatch discrimination and VBN against twins of openai/improved-gan
 * (tools/fixtures/improved.py).
 */
class ImprovedParityTest {

    @Test
    void minibatchDiscriminationEqualsTheTwin() {
        UnitParity.check(
                "improved/minibatch_discrimination_train.npz",
                new MinibatchDiscrimination(6, 4),
                new Shape(5, 3, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new MinibatchDiscrimination(0, 5));
    }

    private static float[] weights(long n) {
        float[] r = new float[(int) n];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Math.cos(0.11 * i);
        }
        return r;
    }

    @Test
    void virtualBatchNormEqualsTheTwin() {
        Map<String, Npy.Array> ref = Fixtures.npz("improved/vbn.npz");
        Shape xs = new Shape(4, 3, 5, 5);
        Shape rs = new Shape(6, 3, 5, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            VirtualBatchNorm vbn = new VirtualBatchNorm(3);
            vbn.initialize(m, DataType.FLOAT32, xs, rs);
            DeterministicWeights.fill(vbn);
            NDArray x = m.create(DeterministicWeights.input(xs), xs);
            NDArray r = m.create(ref.get("ref_input").toFloats(), rs);
            x.setRequiresGradient(true);
            r.setRequiresGradient(true);
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = vbn.forward(ps, new NDList(x, r), true);
                NDArray loss =
                        out.get(0)
                                .mul(m.create(weights(xs.size()), xs))
                                .sum()
                                .add(
                                        out.get(1)
                                                .mul(m.create(weights(rs.size()), rs))
                                                .sum()
                                                .mul(0.5f));
                Fixtures.assertClose(
                        "live", ref.get("live"), xs.getShape(), out.get(0).toFloatArray());
                Fixtures.assertClose(
                        "reference",
                        ref.get("reference"),
                        rs.getShape(),
                        out.get(1).toFloatArray());
                gc.backward(loss);
            }
            Fixtures.assertClose(
                    "grad input",
                    ref.get("grad.input"),
                    xs.getShape(),
                    x.getGradient().toFloatArray());
            Fixtures.assertClose(
                    "grad reference",
                    ref.get("grad.reference"),
                    rs.getShape(),
                    r.getGradient().toFloatArray());
            var p = NamedParameters.of(vbn);
            for (String k : new String[] {"gamma", "beta"}) {
                Fixtures.assertClose(
                        "grad " + k,
                        ref.get("grad." + k),
                        new long[] {3},
                        p.get(k).getArray().getGradient().toFloatArray());
            }
            assertThrows(
                    IllegalArgumentException.class, () -> vbn.forward(ps, new NDList(x), false));
        }
    }
}

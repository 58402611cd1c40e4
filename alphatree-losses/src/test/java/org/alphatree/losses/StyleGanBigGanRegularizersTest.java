package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.blocks.gan.biggan.BigGan;
import org.alphatree.blocks.gan.biggan.SnLayer;
import org.alphatree.blocks.gan.stylegan2.NoiseMode;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;

/**
 * StyleGAN2's path length penalty and BigGAN's orthogonal regularization against the references
 * (tools/fixtures/stylegan2.py, biggan.py).
 */
class StyleGanBigGanRegularizersTest {

    /** stylegan2-ada's Gpl phase on the tiny G: lengths, pl_mean, penalty and its gradients. */
    @Test
    void pathLengthEqualsTheReference() {
        Map<String, Npy.Array> ref = Fixtures.npz("stylegan2/path_length.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            StyleGan2.Generator g = StyleGan2.generator(StyleGan2.Spec.tiny(16));
            g.initialize(m, DataType.FLOAT32, new Shape(4, 32));
            DeterministicWeights.fill(g);
            g.setNoiseMode(NoiseMode.CONST);
            ParameterStore ps = new ParameterStore(m, false);
            Shape wsShape = new Shape(4, g.numWs(), 32);
            NDArray ws = m.create(DeterministicWeights.input(wsShape), wsShape);
            ws.setRequiresGradient(true);
            PathLengthPenalty pl = PathLengthPenalty.paper();
            Gradients.zero(g);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray img = g.synthesize(ps, ws, true);
                Shape is = img.getShape();
                NDArray noise = m.create(DeterministicWeights.input(is), is).mul(0.5f / 16f);
                NDArray lengths = PathLengthPenalty.lengths(img, ws, noise);
                Fixtures.assertClose(
                        "pl_lengths",
                        ref.get("pl_lengths"),
                        new long[] {4},
                        lengths.toFloatArray());
                NDArray loss = pl.evaluate(img, ws, noise);
                Fixtures.assertClose(
                        "pl loss", ref.get("loss"), new long[0], new float[] {loss.getFloat()});
                gc.backward(loss);
            }
            assertEquals(ref.get("pl_mean").toFloats()[0], pl.mean(), 1e-9);
            int checked = 0;
            for (Map.Entry<String, Parameter> e : NamedParameters.of(g.synthesis()).entrySet()) {
                if (!e.getValue().requiresGradient()) {
                    continue;
                }
                NDArray a = e.getValue().getArray();
                Fixtures.assertClose(
                        "grad " + e.getKey(),
                        ref.get("grad." + e.getKey()),
                        a.getShape().getShape(),
                        a.getGradient().toFloatArray());
                checked++;
            }
            assertEquals(ref.keySet().stream().filter(k -> k.startsWith("grad.")).count(), checked);
        }
        assertThrows(IllegalArgumentException.class, () -> new PathLengthPenalty(2f, 0f));
    }

    /**
     * wave2.md §B2: W = [[0,1,2],[3,4,5]] gives ½‖·‖² = 196 and gradient [[84,112,140],[0,28,56]].
     */
    @Test
    void orthogonalRegularizationMatchesTheOracle() {
        try (NDManager m = NDManager.newBaseManager()) {
            SnLayer lin = SnLayer.linear(2, false, 1e-6f);
            lin.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            Parameter w = lin.getParameters().get("weight");
            Assign.copy(w.getArray(), new float[] {0, 1, 2, 3, 4, 5});
            Gradients.zero(lin);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray p =
                        OrthogonalRegularization.penalty(
                                lin, new ParameterStore(m, false), m, 1f, k -> false);
                assertEquals(196f, p.getFloat(), 1e-4f);
                gc.backward(p);
            }
            float[] g = w.getArray().getGradient().toFloatArray();
            float[] want = {84, 112, 140, 0, 28, 56};
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], g[i], 1e-3f, "gradient " + i);
            }
        }
    }

    /** The loss's gradient equals what BigGAN-PyTorch's utils.ortho adds, for every weight. */
    @Test
    void orthogonalRegularizationEqualsUtilsOrtho() {
        Map<String, Npy.Array> ref = Fixtures.npz("biggan/ortho.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            BigGan.Generator g = BigGan.generator(BigGan.Spec.tiny(10));
            g.initialize(m, DataType.FLOAT32, new Shape(2, 20), new Shape(2));
            DeterministicWeights.fill(g);
            Gradients.zero(g);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray p =
                        OrthogonalRegularization.penalty(
                                g,
                                new ParameterStore(m, false),
                                m,
                                1f,
                                k -> k.startsWith("shared."));
                Fixtures.assertClose(
                        "penalty", ref.get("penalty"), new long[0], new float[] {p.getFloat()});
                gc.backward(p);
            }
            int checked = 0;
            for (Map.Entry<String, Parameter> e : NamedParameters.of(g).entrySet()) {
                Npy.Array want = ref.get("ortho." + e.getKey());
                if (want == null) {
                    continue;
                }
                NDArray a = e.getValue().getArray();
                Fixtures.assertClose(
                        "ortho " + e.getKey(),
                        want,
                        a.getShape().getShape(),
                        a.getGradient().toFloatArray());
                checked++;
            }
            assertEquals(
                    ref.keySet().stream().filter(k -> k.startsWith("ortho.")).count(), checked);
        }
    }
}

package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.alphatree.losses.training.GanTrainer;
import org.alphatree.losses.training.Objective;
import org.alphatree.losses.training.Ring;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link GanTrainer} against the same three generator steps written in PyTorch
 * (tools/fixtures/gan_training.py): two critic steps per generator step, Adam, weight clipping for
 * WGAN, the generator's EMA; parameters and losses within 1e-4 (both sides in float64).
 */
class GanTrainerParityTest {

    @TempDir Path tmp;

    private static final int BATCH = 32;
    private static final int NZ = 8;

    private static Map<String, Npy.Array> fixture() throws IOException {
        try (InputStream in =
                GanTrainerParityTest.class.getResourceAsStream("/fixtures/gan_training.npz")) {
            return Npy.readNpz(in, 1 << 20);
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        Fixtures.assertClose(what, expected, actual, 1e-4);
    }

    @ParameterizedTest
    @EnumSource(
            value = Objective.class,
            names = {"NS", "LSGAN", "HINGE", "WGAN", "RALSGAN"})
    void threeStepsMatchPyTorch(Objective objective) throws IOException {
        Map<String, Npy.Array> ref = fixture();
        String o = objective.cliName();
        float[] input = DeterministicWeights.input(new Shape(BATCH, 2));
        double[] real = new double[input.length];
        for (int i = 0; i < real.length; i++) {
            real[i] = 2.0 * input[i];
        }
        int[] calls = {0};
        try (NDManager m = NDManager.newBaseManager()) {
            // in float64, so that Adam's normalisation (g / sqrt(v)) does not turn float32
            // rounding of near-zero gradients into differences of a whole learning rate
            Block g = Ring.mlp(m, NZ, 16, 2, DataType.FLOAT64);
            Block d = Ring.mlp(m, 2, 16, 1, DataType.FLOAT64);
            for (Block b : List.of(g, d)) {
                for (Map.Entry<String, Parameter> e : NamedParameters.of(b).entrySet()) {
                    NDArray a = e.getValue().getArray();
                    float[] v = DeterministicWeights.values(e.getKey(), a.getShape());
                    double[] dv = new double[v.length];
                    for (int i = 0; i < v.length; i++) {
                        dv[i] = v[i];
                    }
                    a.set(dv);
                }
            }
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, NZ)
                            .setManager(m)
                            .optObjective(objective)
                            .optCriticSteps(2)
                            .optAdam(1e-2f, 0.5f, 0.9f)
                            .optEma(0.9f)
                            .optLatent(
                                    (s, n) -> {
                                        int k = calls[0]++;
                                        double[] z = new double[n * NZ];
                                        for (int i = 0; i < z.length; i++) {
                                            z[i] = Math.sin(0.37 * i + 1 + 0.5 * k);
                                        }
                                        return s.create(z, new Shape(n, NZ));
                                    })
                            .build()) {
                float[] losses = ref.get(o + ".losses").toFloats();
                for (int step = 0; step < 3; step++) {
                    GanTrainer.Record r = t.step(s -> s.create(real, new Shape(BATCH, 2)));
                    assertClose(
                            String.format(Locale.ROOT, "%s step %d losses", o, step + 1),
                            new float[] {losses[2 * step], losses[2 * step + 1]},
                            new float[] {(float) r.criticLoss(), (float) r.generatorLoss()});
                }
                assertEquals(9, calls[0], "latent draws: 2 critic + 1 generator per step");
                for (String net : List.of("G", "D")) {
                    for (Map.Entry<String, Parameter> e :
                            NamedParameters.of(net.equals("G") ? g : d).entrySet()) {
                        Npy.Array want = ref.get(o + "." + net + "." + e.getKey());
                        NDArray got = e.getValue().getArray();
                        assertArrayEquals(want.shape(), got.getShape().getShape());
                        assertClose(
                                o + " " + net + " " + e.getKey(),
                                want.toFloats(),
                                got.toType(DataType.FLOAT32, false).toFloatArray());
                    }
                }
                // sampling with the EMA weights and checkpoints work for float64 networks too
                assertEquals(new Shape(4, 2), t.sample(m, 4).getShape());
                assertTrue(Files.size(t.checkpoint(tmp).resolve("generator_ema.safetensors")) > 0);
                assertEquals(6, t.ema().size());
                for (Map.Entry<String, NDArray> e : t.ema().entrySet()) {
                    assertClose(
                            o + " EMA " + e.getKey(),
                            ref.get(o + ".E." + e.getKey()).toFloats(),
                            e.getValue().toType(DataType.FLOAT32, false).toFloatArray());
                }
            }
        }
    }
}

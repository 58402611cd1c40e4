package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Set;
import org.alphatree.blocks.gan.biggan.BigGan;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;
import org.alphatree.losses.training.GanTrainer;
import org.alphatree.losses.training.Objective;
import org.alphatree.losses.training.Ring;
import org.junit.jupiter.api.Test;

/**
 * StyleGAN2 (style mixing, lazy R1, lazy path length) and BigGAN (conditional, orthogonal
 * regularization) in the trainer: the steps run, the regularizers act, and nothing accumulates in
 * the model's manager from step to step.
 */
class GanArchitectureTrainingTest {

    private static NDArray images(NDManager s, int n, int channels, int side) {
        return s.randomUniform(-1f, 1f, new Shape(n, channels, side, side));
    }

    @Test
    void styleGan2TrainsWithItsRegularizersWithoutGrowingTheModelManager() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            StyleGan2.Spec spec = new StyleGan2.Spec(16, 16, 8, 1, 2, 128, 16, 4, -1f);
            StyleGan2.Generator g = StyleGan2.generator(spec);
            StyleGan2.Discriminator d = StyleGan2.discriminator(spec);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 16));
            d.initialize(m, DataType.FLOAT32, new Shape(4, 1, 8, 8));
            PathLengthPenalty pl = PathLengthPenalty.paper();
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, 16)
                            .setManager(m)
                            .optObjective(Objective.NS)
                            .optAdam(2e-3f, 0f, 0.99f)
                            .optStyleMixing(0.9f)
                            .optPathLength(pl, 2)
                            .optR1(1f, 2)
                            .build()) {
                int before = 0;
                java.util.Set<NDArray> seen =
                        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                for (int i = 1; i <= 6; i++) {
                    GanTrainer.Record r = t.step(s -> images(s, 8, 1, 8));
                    assertTrue(
                            Double.isFinite(r.criticLoss()) && Double.isFinite(r.generatorLoss()));
                    if (i == 2) {
                        before = m.getManagedArrays().size();
                        seen.addAll(m.getManagedArrays());
                    }
                }
                java.util.Map<String, Integer> hist = new java.util.TreeMap<>();
                for (NDArray a : m.getManagedArrays()) {
                    if (!seen.contains(a))
                        hist.merge(a.getShape() + " " + a.getName(), 1, Integer::sum);
                }
                assertEquals(
                        before,
                        m.getManagedArrays().size(),
                        "arrays left in the model's manager by steps 3-6: " + hist);
                assertTrue(pl.mean() > 0 && pl.mean() == t.pathLengthMean(), "pl_mean moved");
                assertEquals(1, t.sample(m, 1).getShape().get(0));
            }
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            GanTrainer.builder()
                                    .setNetworks(Ring.mlp(m, 4, 8, 2), Ring.mlp(m, 2, 8, 1), 4)
                                    .setManager(m)
                                    .optStyleMixing(0.9f)
                                    .build());
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            GanTrainer.builder()
                                    .setNetworks(g, d, 16)
                                    .setManager(m)
                                    .optR1(1f, 0)
                                    .build());
        }
    }

    @Test
    void bigGanTrainsConditionallyWithOrthogonalRegularization() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            BigGan.Spec spec =
                    new BigGan.Spec(32, 2, 2, 8, 4, 3, Set.of(16), Set.of(), 1e-5f, 1e-6f);
            BigGan.Generator g = BigGan.generator(spec);
            BigGan.Discriminator d = BigGan.discriminator(spec);
            g.initialize(m, DataType.FLOAT32, new Shape(1, spec.latent()), new Shape(1));
            d.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32), new Shape(2));
            float[] before =
                    org.alphatree.blocks.weights.NamedParameters.of(g)
                            .get("linear.weight")
                            .getArray()
                            .toFloatArray();
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, spec.latent())
                            .setManager(m)
                            .optObjective(Objective.HINGE)
                            .optAdam(2e-4f, 0f, 0.999f)
                            .optConditional(3)
                            .optOrthogonalRegularization(1e-4f)
                            .build()) {
                int arrays = 0;
                for (int i = 1; i <= 5; i++) {
                    GanTrainer.Record r =
                            t.stepLabelled(
                                    s ->
                                            new NDList(
                                                    images(s, 4, 3, 32),
                                                    s.randomInteger(
                                                            0, 3, new Shape(4), DataType.INT64)));
                    assertTrue(Double.isFinite(r.generatorLoss()));
                    if (i == 2) {
                        arrays = m.getManagedArrays().size();
                    }
                }
                assertEquals(arrays, m.getManagedArrays().size(), "arrays left by steps 3-5");
                NDArray s = t.sampleLabelled(m, m.create(new long[] {0, 2}));
                assertEquals(new Shape(2, 3, 32, 32), s.getShape());
                assertTrue(s.abs().max().getFloat() <= 1f, "tanh output");
            }
            assertNotEquals(
                    before[0],
                    org.alphatree.blocks.weights.NamedParameters.of(g)
                            .get("linear.weight")
                            .getArray()
                            .toFloatArray()[0],
                    "the generator was updated");
        }
    }
}

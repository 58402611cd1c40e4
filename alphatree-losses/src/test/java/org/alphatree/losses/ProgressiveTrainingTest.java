package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.util.Map;
import java.util.Random;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.gan.progan.ProGan;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.Npy;
import org.alphatree.losses.training.GanTrainer;
import org.alphatree.losses.training.Objective;
import org.alphatree.losses.training.ProgressiveSchedule;
import org.alphatree.losses.training.Ring;
import org.junit.jupiter.api.Test;

/** ProGAN's schedule, real-image fading, drift penalty, and a progressive run. */
class ProgressiveTrainingTest {

    /** train.py's TrainingSchedule at 1024 px from 4 px, 600k + 600k images per phase. */
    @Test
    void levelOfDetailFollowsTheTfSchedule() {
        ProgressiveSchedule s = new ProgressiveSchedule(1024, 4, 600_000, 600_000);
        assertEquals(8f, s.lod(0));
        assertEquals(8f, s.lod(600_000));
        assertEquals(7.5f, s.lod(900_000));
        assertEquals(7f, s.lod(1_200_000));
        assertEquals(6.5f, s.lod(2_100_000));
        assertEquals(0f, s.lod(100_000_000));
        assertEquals(8, s.resolution(7.5f));
        assertEquals(1024, s.resolution(0f));
        assertThrows(IllegalArgumentException.class, () -> new ProgressiveSchedule(48, 4, 1, 1));
    }

    @Test
    void realsAreFadedAsTheTfCode() {
        Map<String, Npy.Array> ref = Fixtures.npz("progan/process_reals.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 1, 16, 16);
            NDArray x =
                    m.create(org.alphatree.blocks.testing.DeterministicWeights.input(shape), shape);
            for (float lod : new float[] {0f, 0.25f, 1f, 1.5f, 2f}) {
                NDArray y = ProgressiveSchedule.processReals(x, lod);
                Fixtures.assertClose(
                        "lod " + lod,
                        ref.get("lod" + lod),
                        y.getShape().getShape(),
                        y.toFloatArray());
            }
        }
    }

    /** A critic with a constant output c: the WGAN terms cancel, leaving ε·c². */
    @Test
    void driftPenaltyAddsEpsilonTimesTheSquaredRealScore() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = Ring.mlp(m, 8, 16, 2);
            Linear d = Linear.builder().setUnits(1).build();
            d.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            Assign.copy(d.getParameters().get("weight").getArray(), new float[] {0f, 0f});
            Assign.copy(d.getParameters().get("bias").getArray(), new float[] {3f});
            Ring ring = new Ring(8, 2.0, 0.02, 1);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, 8)
                            .setManager(m)
                            .optObjective(Objective.WGAN)
                            .optCriticSteps(1)
                            .optDriftPenalty(0.001f)
                            .build()) {
                GanTrainer.Record r = t.step(s -> ring.sample(s, 16));
                assertEquals(0.009, r.criticLoss(), 1e-6);
            }
        }
    }

    private static NDArray discs(NDManager m, Random random, int n) {
        float[] v = new float[n * 256];
        for (int k = 0; k < n; k++) {
            double cx = 4 + random.nextDouble() * 8;
            double cy = 4 + random.nextDouble() * 8;
            double rad = 2 + random.nextDouble() * 2.5;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    v[k * 256 + y * 16 + x] = Math.hypot(x - cx, y - cy) <= rad ? 1f : -1f;
                }
            }
        }
        return m.create(v, new Shape(n, 1, 16, 16));
    }

    /**
     * A tiny ProGAN (16 px from 4 px) with WGAN-GP, the drift penalty and the paper's Adam (β₁ 0,
     * β₂ 0.99): the level of detail falls from 2 to 0 through both fades, never rising, and every
     * loss stays finite.
     */
    @Test
    void aTinyProGanGrowsFromFourToSixteenPixels() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            ProGan.Spec spec = new ProGan.Spec(16, 1, 0, 64, 32, 32, true, 4);
            ProGan.Progressive g = ProGan.generator(spec);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 32));
            ProGan.Progressive d = ProGan.discriminator(spec);
            d.initialize(m, DataType.FLOAT32, new Shape(4, 1, 16, 16));
            Random random = new Random(3);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .optProgressive(new ProgressiveSchedule(16, 4, 640, 640))
                            .setNetworks(g, d, 32)
                            .setManager(m)
                            .optObjective(Objective.WGAN_GP)
                            .optCriticSteps(1)
                            .optDriftPenalty(0.001f)
                            .optAdam(1e-3f, 0f, 0.99f)
                            .build()) {
                float last = Float.MAX_VALUE;
                boolean faded = false;
                for (int i = 0; i < 180; i++) {
                    GanTrainer.Record r = t.step(s -> discs(s, random, 16));
                    assertTrue(
                            Double.isFinite(r.criticLoss()) && Double.isFinite(r.generatorLoss()));
                    assertTrue(t.lod() <= last, "lod rose from " + last + " to " + t.lod());
                    faded |= t.lod() > 0 && t.lod() < 1 && t.lod() != Math.floor(t.lod());
                    last = t.lod();
                }
                assertEquals(0f, t.lod());
                assertTrue(faded, "no fractional level of detail was trained");
                assertEquals(180L * 16, t.imagesShown());
                NDArray x = t.sample(m, 4);
                assertEquals(new Shape(4, 1, 16, 16), x.getShape());
            }
        }
    }
}

package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatree.losses.training.GanTrainer;
import org.alphatree.losses.training.Objective;
import org.alphatree.losses.training.Ring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTrainerTest {

    @TempDir Path tmp;

    /**
     * A short seeded WGAN-GP run on the ring: the critic learns (its Wasserstein estimate turns
     * negative), the generator step leaves no gradients in the critic, EMA sampling works, and
     * checkpoints are written.
     */
    @Test
    void wganGpTrainingMechanics() throws Exception {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            Ring ring = new Ring(8, 2.0, 0.02, 5);
            Block g = Ring.mlp(m, 8, 64, 2);
            Block d = Ring.mlp(m, 2, 64, 1);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, 8)
                            .setManager(m)
                            .optObjective(Objective.WGAN_GP)
                            .optCriticSteps(2)
                            .optAdam(5e-4f, 0.5f, 0.9f)
                            .optEma(0.99f)
                            .build()) {
                double minCritic = Double.MAX_VALUE;
                for (int i = 0; i < 150; i++) {
                    GanTrainer.Record r = t.step(s -> ring.sample(s, 128));
                    assertTrue(
                            Double.isFinite(r.criticLoss()) && Double.isFinite(r.generatorLoss()));
                    minCritic = Math.min(minCritic, r.criticLoss());
                }
                assertTrue(
                        minCritic < 0,
                        "the critic never separated real from generated: " + minCritic);
                assertEquals(150, t.history().size());
                for (Parameter p : d.getParameters().values()) {
                    assertEquals(
                            0f,
                            p.getArray().getGradient().abs().sum().getFloat(),
                            "the generator step left gradients in the critic");
                }
                NDArray xy = t.sample(m, 500);
                assertEquals(new Shape(500, 2), xy.getShape());
                Path ck = t.checkpoint(tmp);
                assertTrue(Files.size(ck.resolve("generator.safetensors")) > 0);
                assertTrue(Files.size(ck.resolve("generator_ema.safetensors")) > 0);
                assertTrue(Files.size(ck.resolve("critic.safetensors")) > 0);
            }
        }
    }

    /** A diverging run stops at the first non-finite loss, naming the step, before the update. */
    @Test
    void nonFiniteLossStopsTraining() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            Ring ring = new Ring(8, 2.0, 0.02, 5);
            Block g = Ring.mlp(m, 8, 32, 2);
            Block d = Ring.mlp(m, 2, 32, 1);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, 8)
                            .setManager(m)
                            .optObjective(Objective.LSGAN)
                            .optAdam(1e30f, 0.5f, 0.9f)
                            .build()) {
                ArithmeticException e =
                        assertThrows(
                                ArithmeticException.class,
                                () -> {
                                    for (int i = 0; i < 200; i++) {
                                        t.step(s -> ring.sample(s, 64));
                                    }
                                });
                assertTrue(e.getMessage().startsWith("generator step "), e.getMessage());
                assertTrue(e.getMessage().contains("loss is"), e.getMessage());
                int stopped = t.history().size();
                assertTrue(stopped < 200, "stopped after " + stopped + " steps");
                for (GanTrainer.Record r : t.history()) {
                    assertTrue(
                            Double.isFinite(r.criticLoss()) && Double.isFinite(r.generatorLoss()));
                }
            }
            // a negative critic-step count is an error, not the default
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    GanTrainer.builder()
                                            .setNetworks(g, d, 8)
                                            .setManager(m)
                                            .optCriticSteps(-3)
                                            .build());
            assertTrue(
                    e.getMessage().contains("critic steps must be >= 1 (got -3)"), e.getMessage());
        }
    }

    /**
     * The criterion: after a fixed seeded WGAN-GP run the generated samples cover at least
     * 7 of the ring's 8 modes (at least 2 % of 1,000 samples within 0.2 of a mode's centre). The
     * schedule: Adam at 2e-3 for 1,500 generator steps, then a linear decay to 0 at step 2,500 (at
     * a fixed rate the clusters form but jitter 0.1–0.3 off the modes). Measured with this
     * schedule: PyTorch 8 of 8 modes for each of 8 seeds; here 7, 8, 8 for seeds 1–3.
     */
    @Test
    void wganGpCoversTheRing() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Ring ring = new Ring(8, 2.0, 0.02, 2);
            Block g = Ring.mlp(m, 8, 128, 2);
            Block d = Ring.mlp(m, 2, 128, 1);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, 8)
                            .setManager(m)
                            .optObjective(Objective.WGAN_GP)
                            .optAdam(2e-3f, 0.5f, 0.9f)
                            .optLinearDecay(1500, 2500)
                            .build()) {
                for (int i = 0; i < 2500; i++) {
                    t.step(s -> ring.sample(s, 256));
                }
                try (NDManager s = m.newSubManager()) {
                    int hit = ring.modesHit(t.sample(s, 1000).toFloatArray(), 0.02);
                    assertTrue(hit >= 7, "the generator covers only " + hit + " of 8 modes");
                }
            }
        }
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> GanTrainer.builder().build());
        assertThrows(
                IllegalArgumentException.class, () -> GanTrainer.builder().optLinearDecay(10, 10));
        assertThrows(IllegalArgumentException.class, () -> Objective.parse("nope"));
        assertEquals(Objective.WGAN_GP, Objective.parse("wgan-gp"));
    }
}

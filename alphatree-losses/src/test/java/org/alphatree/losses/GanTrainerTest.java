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
                assertTrue(Files.size(ck.resolve("critic.safetensors")) > 0);
            }
        }
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> GanTrainer.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Objective.parse("nope"));
        assertEquals(Objective.WGAN_GP, Objective.parse("wgan-gp"));
    }
}

package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The penalties on a linear critic D(x) = w·x, whose input gradient is w for every x. */
class GradientPenaltyTest {

    static Block linearCritic(NDManager m, float[] w) {
        Linear l = Linear.builder().setUnits(1).optBias(false).build();
        l.initialize(m, DataType.FLOAT32, new Shape(1, w.length));
        l.getParameters().get("weight").getArray().set(w);
        return l;
    }

    @Test
    void penaltiesOfALinearCritic() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block d = linearCritic(m, new float[] {2, 2, 2, 2});
            ParameterStore ps = new ParameterStore(m, false);
            NDArray real = m.randomNormal(new Shape(8, 4));
            NDArray fake = m.randomNormal(new Shape(8, 4));
            GradientPenalty gp = GradientPenalty.builder().optLambda(1).build();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                assertEquals(9.0, gp.wgan(d, ps, real, fake).getFloat(), 1e-4);
                assertEquals(
                        9.0,
                        GradientPenalty.builder()
                                .optLambda(1)
                                .optOneSided(true)
                                .build()
                                .wgan(d, ps, real, fake)
                                .getFloat(),
                        1e-4);
                assertEquals(
                        90.0,
                        GradientPenalty.builder().build().wgan(d, ps, real, fake).getFloat(),
                        1e-3);
                assertEquals(8.0, GradientPenalty.r1(d, ps, real, 1f).getFloat(), 1e-4);
            }
            Block small = linearCritic(m, new float[] {0.1f, 0.1f, 0.1f, 0.1f});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // ‖w‖ = 0.2 < 1: one-sided penalty vanishes, two-sided is 0.64
                assertEquals(
                        0.0,
                        GradientPenalty.builder()
                                .optLambda(1)
                                .optOneSided(true)
                                .build()
                                .wgan(small, ps, real, fake)
                                .getFloat(),
                        1e-6);
                assertEquals(
                        0.64,
                        GradientPenalty.builder()
                                .optLambda(1)
                                .build()
                                .wgan(small, ps, real, fake)
                                .getFloat(),
                        1e-4);
            }
        }
    }

    /** The gradient of the penalty w.r.t. the critic's weights matches finite differences. */
    @Test
    void penaltyGradientMatchesFiniteDifferences() {
        float[] w0 = {0.9f, -1.3f, 0.4f, 2.0f};
        try (NDManager m = NDManager.newBaseManager()) {
            // a nonlinear critic: D(x) = v · tanh(W x), so the penalty depends on x̂
            SequentialBlock critic =
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(3).build())
                            .add(ai.djl.nn.Activation::tanh)
                            .add(Linear.builder().setUnits(1).optBias(false).build());
            critic.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray real = m.randomNormal(0, 1, new Shape(6, 4), DataType.FLOAT32);
            NDArray fake = m.randomNormal(0, 1, new Shape(6, 4), DataType.FLOAT32);
            GradientPenalty gp = GradientPenalty.builder().optLambda(1).build();
            Parameter p = critic.getParameters().get("01Linear_weight");
            p.getArray()
                    .set(
                            new float[] {
                                0.9f, -1.3f, 0.4f, 2.0f, 0.1f, 0.5f, -0.7f, 0.3f, 1.1f, -0.2f, 0.6f,
                                -0.9f
                            });
            // fixed interpolation: pass x̂ itself as both ends so α does not matter
            NDArray xhat = real.add(fake).mul(0.5f);
            NDArray analytic;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                for (Parameter q : critic.getParameters().values()) {
                    q.getArray().getGradient().subi(q.getArray().getGradient());
                }
                NDArray pen = gp.wgan(critic, ps, xhat, xhat);
                gc.backward(pen);
                analytic = p.getArray().getGradient().duplicate();
            }
            float[] base = p.getArray().toFloatArray();
            float[] a = analytic.toFloatArray();
            double h = 1e-2;
            for (int i = 0; i < base.length; i++) {
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double fp = penalty(critic, ps, gp, xhat, p, plus);
                double fm = penalty(critic, ps, gp, xhat, p, minus);
                double fd = (fp - fm) / (2 * h);
                assertTrue(
                        Math.abs(fd - a[i]) <= 1e-3 * Math.max(1, Math.abs(fd)) + 2e-3,
                        "weight " + i + ": analytic " + a[i] + " vs finite difference " + fd);
            }
            p.getArray().set(base);
        }
    }

    private static double penalty(
            Block critic,
            ParameterStore ps,
            GradientPenalty gp,
            NDArray x,
            Parameter p,
            float[] w) {
        p.getArray().set(w);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            return gp.wgan(critic, ps, x, x).toType(DataType.FLOAT64, false).getDouble();
        }
    }
}

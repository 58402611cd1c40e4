package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reference values of TF-GAN's and torchgan's tests. */
class GanLossValuesTest {

    NDManager m;

    @BeforeEach
    void setUp() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    float v(Loss loss, float[] real, float[] fake) {
        NDList r = real == null ? new NDList() : new NDList(m.create(real));
        return loss.evaluate(r, new NDList(m.create(fake))).getFloat();
    }

    static final float[] REAL = {-5.0f, 1.4f, 12.5f, 2.7f};
    static final float[] GEN = {10.0f, 4.4f, -5.5f, 3.6f};

    @Test
    void tfGanValues() {
        Reduction mean = Reduction.MEAN;
        assertEquals(17.69625, v(LeastSquaresLoss.generator(1, mean), null, GEN), 1e-5);
        assertEquals(41.73375, v(LeastSquaresLoss.discriminator(0, 1, mean), REAL, GEN), 1e-5);
        assertEquals(1.38582, v(MinimaxLoss.nonSaturatingGenerator(mean), null, GEN), 1e-5);
        assertEquals(-4.82408, v(MinimaxLoss.generator(true, mean), null, GEN), 1e-5);
        assertEquals(
                -4.82408 + Math.log1p(Math.exp(-1)),
                v(MinimaxLoss.generator(false, mean), null, GEN),
                1e-5);
        assertEquals(6.19637, v(MinimaxLoss.discriminator(0.25f, mean), REAL, GEN), 1e-4);
        assertEquals(-3.125, v(WassersteinLoss.generator(mean), null, GEN), 1e-5);
        assertEquals(0.225, v(WassersteinLoss.critic(mean), REAL, GEN), 1e-5);
        assertEquals(6.75, v(HingeLoss.discriminator(mean), REAL, GEN), 1e-5);
    }

    static final float[] DX = {1.3f, 2.9f, 8.4f, 6.3f};
    static final float[] DGZ = {4.8f, 1.2f, -3.5f, 5.9f};

    @Test
    void torchganValuesWithEveryReduction() {
        assertEquals(7.3425007, v(LeastSquaresLoss.generator(1, Reduction.MEAN), null, DGZ), 1e-5);
        assertEquals(
                19.76125, v(LeastSquaresLoss.discriminator(0, 1, Reduction.MEAN), DX, DGZ), 1e-5);
        assertEquals(-2.1, v(WassersteinLoss.generator(Reduction.MEAN), null, DGZ), 1e-5);
        assertEquals(-2.625, v(WassersteinLoss.critic(Reduction.MEAN), DX, DGZ), 1e-5);
        assertEquals(-8.4, v(WassersteinLoss.generator(Reduction.SUM), null, DGZ), 1e-5);
        assertEquals(-10.5, v(WassersteinLoss.critic(Reduction.SUM), DX, DGZ), 1e-5);
        assertEquals(29.37, v(LeastSquaresLoss.generator(1, Reduction.SUM), null, DGZ), 1e-4);
        assertEquals(79.045, v(LeastSquaresLoss.discriminator(0, 1, Reduction.SUM), DX, DGZ), 1e-4);
        NDArray none =
                WassersteinLoss.critic(Reduction.NONE)
                        .evaluate(new NDList(m.create(DX)), new NDList(m.create(DGZ)));
        assertArrayEquals(new float[] {3.5f, -1.7f, -11.9f, -0.4f}, none.toFloatArray(), 1e-5f);
        NDArray lsNone =
                LeastSquaresLoss.generator(1, Reduction.NONE)
                        .evaluate(new NDList(), new NDList(m.create(DGZ)));
        assertArrayEquals(
                new float[] {7.22f, 0.02f, 10.125f, 12.005f}, lsNone.toFloatArray(), 1e-5f);
    }

    @Test
    void relativisticLossesFollowThePaperCode() {
        // hand-computed from the definitions with C(x) = DX, C(G(z)) = DGZ
        double mr = (1.3 + 2.9 + 8.4 + 6.3) / 4;
        double mf = (4.8 + 1.2 - 3.5 + 5.9) / 4;
        double d = 0;
        double g = 0;
        for (int i = 0; i < 4; i++) {
            double rt = DX[i] - mf;
            double ft = DGZ[i] - mr;
            d += 0.5 * (Math.pow(rt - 1, 2) + Math.pow(ft + 1, 2));
            g += 0.5 * (Math.pow(ft - 1, 2) + Math.pow(rt + 1, 2));
        }
        assertEquals(
                d / 4,
                v(
                        new RelativisticLoss(RelativisticLoss.Type.RALSGAN, true, Reduction.MEAN),
                        DX,
                        DGZ),
                1e-4);
        assertEquals(
                g / 4,
                v(
                        new RelativisticLoss(RelativisticLoss.Type.RALSGAN, false, Reduction.MEAN),
                        DX,
                        DGZ),
                1e-4);
        double h = 0;
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double rt = DX[i] - mf;
            double ft = DGZ[i] - mr;
            h += 0.5 * (Math.max(0, 1 - rt) + Math.max(0, 1 + ft));
            s += 0.5 * (Math.log1p(Math.exp(-rt)) + Math.log1p(Math.exp(ft)));
        }
        assertEquals(
                h / 4,
                v(
                        new RelativisticLoss(RelativisticLoss.Type.RAHINGE, true, Reduction.MEAN),
                        DX,
                        DGZ),
                1e-4);
        assertEquals(
                s / 4,
                v(
                        new RelativisticLoss(RelativisticLoss.Type.RASGAN, true, Reduction.MEAN),
                        DX,
                        DGZ),
                1e-4);
    }

    @Test
    void auxiliaryClassifierIsSoftmaxCrossEntropy() {
        NDArray logits =
                m.create(new float[] {2, 0, 0, 0, 0, 3}, new ai.djl.ndarray.types.Shape(2, 3));
        NDArray labels = m.create(new float[] {0, 2});
        float got =
                new AuxiliaryClassifierLoss(Reduction.MEAN)
                        .evaluate(new NDList(labels), new NDList(logits))
                        .getFloat();
        double expected =
                0.5 * (-(2 - Math.log(Math.exp(2) + 2)) - (3 - Math.log(Math.exp(3) + 2)));
        assertEquals(expected, got, 1e-5);
    }

    @Test
    void missingRealOutputsAreReported() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> v(HingeLoss.discriminator(Reduction.MEAN), null, GEN));
        assertEquals(true, e.getMessage().contains("real samples"));
        assertThrows(
                IllegalArgumentException.class,
                () -> MinimaxLoss.discriminator(1.5f, Reduction.MEAN));
    }
}

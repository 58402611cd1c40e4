package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The oracles: data from java.util.Random, so Java reproduces them bit for bit. */
class MetricOraclesTest {

    static double[] uniform(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble();
        }
        return v;
    }

    static double[] xData() {
        return uniform(42, 200 * 16);
    }

    static double[] yData() {
        double[] u = uniform(43, 200 * 16);
        for (int i = 0; i < u.length; i++) {
            u[i] = 1.1 * u[i] + 0.05;
        }
        return u;
    }

    static FeatureStatistics stats(double[] x, int n, int d) {
        FeatureStatistics s = new FeatureStatistics(d);
        s.add(x, n);
        return s;
    }

    @Test
    void fidOfTheRandomSets() {
        FrechetDistance.Result r =
                FrechetDistance.of(stats(xData(), 200, 16), stats(yData(), 200, 16));
        assertEquals(0.257769220109, r.value(), 1e-9);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void fidClosedForms() {
        int d = 2048;
        double[] eye = new double[d * d];
        for (int i = 0; i < d; i++) {
            eye[i * d + i] = 1;
        }
        double[] zero = new double[d];
        double[] one = new double[d];
        java.util.Arrays.fill(one, 1);
        assertEquals(2048.0, FrechetDistance.compute(zero, eye, one, eye).value(), 1e-6);
        double[] a = {1, 0, 0, 0, 4, 0, 0, 0, 9};
        double[] b = {4, 0, 0, 0, 1, 0, 0, 0, 16};
        assertEquals(
                3.0, FrechetDistance.compute(new double[3], a, new double[3], b).value(), 1e-12);
        // singular first covariance takes the eigendecomposition route
        double[] s = {1, 0, 0, 0, 0, 0, 0, 0, 4};
        assertEquals(
                (1 + 0 + 4) + (1 + 4 + 9) - 2 * (1 + 0 + 6),
                FrechetDistance.compute(
                                new double[3],
                                s,
                                new double[3],
                                new double[] {1, 0, 0, 0, 4, 0, 0, 0, 9})
                        .value(),
                1e-9);
    }

    @Test
    void fewerSamplesThanDimensionsWarns() {
        FrechetDistance.Result r =
                FrechetDistance.of(
                        stats(uniform(1, 10 * 16), 10, 16), stats(uniform(2, 10 * 16), 10, 16));
        assertFalse(r.warnings().isEmpty());
        assertTrue(r.warnings().get(0).contains("rank-deficient"), r.warnings().get(0));
        assertTrue(Double.isFinite(r.value()));
    }

    @Test
    void fidRejectsBadInput() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FrechetDistance.compute(
                                new double[2], new double[4], new double[3], new double[9]));
        double[] nan = {Double.NaN, 0};
        assertThrows(
                IllegalArgumentException.class,
                () -> FrechetDistance.compute(nan, new double[4], new double[2], new double[4]));
    }

    /** What cannot be feature statistics is refused with pytorch-fid's meaning, never scored. */
    @Test
    void fidRefusesWhatIsNotACovariance() {
        double[] mu = new double[2];
        double[] eye = {1, 0, 0, 1};
        assertMessage(
                () -> FrechetDistance.compute(mu, new double[] {1, 0.5, -0.5, 1}, mu, eye),
                "sigma1 is not symmetric");
        assertMessage(
                () -> FrechetDistance.compute(mu, eye, mu, new double[] {-1, 0, 0, -1}),
                "sigma2 is not a covariance: its variance [0] is -1.0 < 0");
        // positive variances but an eigenvalue of -1: √(Σ₁Σ₂) is imaginary
        assertMessage(
                () -> FrechetDistance.compute(mu, new double[] {1, 2, 2, 1}, mu, eye),
                "Imaginary component");
        ArithmeticException e =
                assertThrows(
                        ArithmeticException.class,
                        () ->
                                FrechetDistance.compute(
                                        new double[] {1e200, 0},
                                        eye,
                                        new double[] {-1e200, 0},
                                        eye));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
        // identical statistics still give 0, with no warning
        FrechetDistance.Result same = FrechetDistance.compute(mu, eye, mu, eye);
        assertEquals(0, same.value(), 1e-12);
        assertTrue(same.warnings().isEmpty());
    }

    private static double[] covariance(java.util.Random r, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * (1 + (i % d) * 0.01);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / n;
            }
        }
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    c[j * d + k] += (x[i * d + j] - mean[j]) * (x[i * d + k] - mean[k]) / (n - 1);
                }
            }
        }
        return c;
    }

    /** #22: the libtorch route (LAPACK through a TorchScript helper) equals the EJML route. */
    @Test
    void libtorchTraceEqualsTheEjmlRoute() {
        java.util.Random r = new java.util.Random(7);
        int d = 96;
        // full rank, and a first covariance of rank 40 (the eigendecomposition route)
        for (int n1 : new int[] {400, 41}) {
            double[] s1 = covariance(r, n1, d);
            double[] s2 = covariance(r, 300, d);
            double ejml =
                    FrechetDistance.traceSqrtProduct(
                            org.ejml.data.DMatrixRMaj.wrap(d, d, s1.clone()),
                            org.ejml.data.DMatrixRMaj.wrap(d, d, s2.clone()),
                            new java.util.ArrayList<>());
            double[] fast = FrechetDistance.Libtorch.trace(s1, s2, d);
            assertTrue(fast != null, "the PyTorch engine is on the test class path");
            assertEquals(ejml, fast[0], 1e-9 * Math.abs(ejml), "n1 = " + n1);
            assertEquals(n1 < d ? 1.0 : 0.0, fast[2], "route for n1 = " + n1);
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable x, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void kidUnbiasedMmdOfTheRandomSets() {
        assertEquals(
                0.084881526053,
                KernelInceptionDistance.mmd2Unbiased(xData(), yData(), 200, 16, 1 / 16.0, 1, 3),
                1e-10);
    }

    @Test
    void kidSubsetsAreSeededAndBounded() {
        MeanStd a = KernelInceptionDistance.compute(xData(), 200, yData(), 200, 16, 10, 50, 7);
        MeanStd b = KernelInceptionDistance.compute(xData(), 200, yData(), 200, 16, 10, 50, 7);
        assertEquals(a, b);
        assertTrue(Math.abs(a.mean() - 0.0849) < 0.05, String.valueOf(a.mean()));
        assertTrue(a.std() > 0);
        assertThrows(
                IllegalArgumentException.class,
                () -> KernelInceptionDistance.compute(xData(), 200, yData(), 200, 16, 10, 201, 7));
    }

    static double[] logits() {
        double[] u = uniform(7, 100 * 10);
        for (int i = 0; i < u.length; i++) {
            u[i] *= 10;
        }
        return u;
    }

    @Test
    void inceptionScoreOfTheRandomLogits() {
        assertEquals(
                2.942898554043, InceptionScore.compute(logits(), 100, 10, 1, null).mean(), 1e-10);
        MeanStd r = InceptionScore.compute(logits(), 100, 10, 10, null);
        assertEquals(2.575230995384, r.mean(), 1e-10);
        assertEquals(0.226944244199, r.std(), 1e-10);
    }

    @Test
    void inceptionScoreOfCertainPredictionsIsTheClassCount() {
        double[] l = new double[100 * 10];
        for (int i = 0; i < 100; i++) {
            l[i * 10 + i % 10] = 1000;
        }
        assertEquals(10.0, InceptionScore.compute(l, 100, 10, 1, null).mean(), 1e-9);
        assertThrows(
                IllegalArgumentException.class,
                () -> InceptionScore.compute(new double[] {Double.NaN, 0}, 1, 2, 1, null));
    }
}

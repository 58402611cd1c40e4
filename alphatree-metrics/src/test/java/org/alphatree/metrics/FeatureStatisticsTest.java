package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {

    private static float[] data(int rows, int dims, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * dims];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void covarianceMatchesTwoPassFormula() {
        int rows = 50;
        int dims = 4;
        float[] x = data(rows, dims, 1);
        FeatureStatistics s = new FeatureStatistics(dims);
        s.add(x, rows);
        double[] mu = new double[dims];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dims; i++) {
                mu[i] += x[r * dims + i] / (double) rows;
            }
        }
        double[] cov = s.covariance();
        for (int i = 0; i < dims; i++) {
            for (int j = 0; j < dims; j++) {
                double c = 0;
                for (int r = 0; r < rows; r++) {
                    c += (x[r * dims + i] - mu[i]) * (x[r * dims + j] - mu[j]);
                }
                assertEquals(c / (rows - 1), cov[i * dims + j], 1e-12);
            }
        }
        assertArrayEquals(mu, s.mean(), 1e-12);
    }

    @Test
    void mergingHalvesEqualsAccumulatingAtOnce() {
        int dims = 8;
        float[] x = data(40, dims, 2);
        FeatureStatistics all = new FeatureStatistics(dims);
        all.add(x, 40);
        FeatureStatistics a = new FeatureStatistics(dims);
        a.add(Arrays.copyOfRange(x, 0, 17 * dims), 17);
        FeatureStatistics b = new FeatureStatistics(dims);
        b.add(Arrays.copyOfRange(x, 17 * dims, 40 * dims), 23);
        a.merge(b);
        assertEquals(40, a.count());
        assertArrayEquals(all.mean(), a.mean(), 1e-12);
        assertArrayEquals(all.covariance(), a.covariance(), 1e-12);
    }

    @Test
    void badInputIsRejected() {
        FeatureStatistics s = new FeatureStatistics(2);
        assertThrows(IllegalArgumentException.class, () -> s.add(new float[] {1, Float.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> s.add(new float[] {1, 2, 3}, 1));
        assertThrows(IllegalStateException.class, s::covariance);
        assertThrows(IllegalArgumentException.class, () -> s.merge(new FeatureStatistics(3)));
    }
}

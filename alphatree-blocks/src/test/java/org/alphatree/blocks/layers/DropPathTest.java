package org.alphatree.blocks.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DropPathTest {

    @Test
    void evalModeIsIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(8, 3));
            assertSame(x, DropPath.dropPath(x, 0.5f, false));
        }
    }

    /**
     * With a fixed seed, the kept fraction is within 5 binomial standard deviations of 1 - p,
     * survivors are scaled by exactly 1 / (1 - p), whole samples are dropped together, and the mean
     * stays 1 within 5 standard deviations.
     */
    @Test
    void trainModeKeepsOneMinusPAndPreservesTheExpectation() {
        int n = 10000;
        float p = 0.3f;
        Engine.getInstance().setRandomSeed(1234);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(n, 4));
            float[] y = DropPath.dropPath(x, p, true).toFloatArray();
            int kept = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                float first = y[i * 4];
                for (int j = 1; j < 4; j++) {
                    assertEquals(first, y[i * 4 + j], "a sample is dropped or kept whole");
                }
                if (first != 0f) {
                    assertEquals(1f / (1f - p), first, 1e-6f);
                    kept++;
                }
                sum += first;
            }
            double sigma = Math.sqrt(n * p * (1 - p));
            assertTrue(Math.abs(kept - n * (1 - p)) < 5 * sigma, "kept " + kept);
            double meanSigma = Math.sqrt(p / (1 - p) / n);
            assertTrue(Math.abs(sum / n - 1) < 5 * meanSigma, "mean " + sum / n);
        }
    }

    @Test
    void linearScheduleRisesFromZeroToTheRate() {
        float[][] s = DropPath.linearSchedule(0.1f, 3, 4, 6, 3);
        assertEquals(0f, s[0][0]);
        assertEquals(0.1f, s[3][2], 1e-7f);
        assertEquals(0.1f * 3 / 15, s[1][0], 1e-7f);
        assertThrows(IllegalArgumentException.class, () -> new DropPath(1f));
    }
}

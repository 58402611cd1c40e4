package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ReductionTest {
    @Test
    void reductionsOnTheEngine() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f, 6f});
            assertEquals(3f, Reduction.MEAN.apply(x).getFloat(), 1e-6);
            assertEquals(12f, Reduction.SUM.apply(x).getFloat(), 1e-6);
            assertArrayEquals(x.toFloatArray(), Reduction.NONE.apply(x).toFloatArray());
        }
    }
}

package org.alphatree.blocks.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.DropPath;
import org.alphatree.blocks.layers.Dropout;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void rateAcceptsZeroUpToButNotOne() {
        assertEquals(0f, Checks.rate(0f, "p"));
        assertEquals(0.5f, Checks.rate(0.5f, "p"));
        for (float bad : new float[] {-0.1f, 1f, 1.5f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Checks.rate(bad, "p"));
            assertEquals("p must be in [0, 1), got " + bad, e.getMessage());
        }
    }

    /** The blocks that take a rate name it in the one message form. */
    @Test
    void blocksNameTheirRate() {
        assertEquals(
                "dropout rate must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1f)).getMessage());
        assertEquals(
                "drop-path rate must be in [0, 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> new DropPath(Float.NaN))
                        .getMessage());
        assertEquals(
                "leaky ReLU slope must be in [0, 1), got -0.2",
                assertThrows(IllegalArgumentException.class, () -> Activation.leakyReluBlock(-0.2f))
                        .getMessage());
    }
}

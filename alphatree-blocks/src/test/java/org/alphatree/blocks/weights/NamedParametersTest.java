package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NamedParametersTest {

    /** DJL names a SequentialBlock's children by class; the keys follow torch.nn.Sequential. */
    @Test
    void plainSequentialBlockGetsTorchIndexKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b =
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(4).build())
                            .add(Activation::relu)
                            .add(Linear.builder().setUnits(3).build());
            b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            assertEquals(
                    List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                    List.copyOf(NamedParameters.of(b).keySet()));
            assertEquals(new Shape(3, 4), NamedParameters.of(b).get("2.weight").getShape());
        }
    }

    /** Children that DJL names alike outside a SequentialBlock: an error, not an overwrite. */
    @Test
    void collidingKeysAreAnError() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParallelBlock b =
                    new ParallelBlock(
                            l -> l.get(0),
                            List.of(
                                    Linear.builder().setUnits(4).build(),
                                    Linear.builder().setUnits(4).build()));
            b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> NamedParameters.of(b));
            assertTrue(e.getMessage().contains("Linear.weight"), e.getMessage());
            assertTrue(
                    b.getChildren().keys().stream()
                            .collect(Collectors.joining(","))
                            .contains("Linear"));
        }
    }
}

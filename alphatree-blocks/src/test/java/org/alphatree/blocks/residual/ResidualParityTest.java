package org.alphatree.blocks.residual;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.stream.Stream;
import org.alphatree.blocks.testing.UnitParity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity of the residual family with torchvision/timm: fixtures from tools/fixtures/residual.py,
 * same deterministic weights on both sides.
 */
class ResidualParityTest {

    static Stream<Arguments> units() {
        BlockConfig d = BlockConfig.defaults();
        return Stream.of(
                Arguments.of("bottleneck", new Bottleneck(32, 2, true, d), new Shape(4, 64, 9, 9)),
                Arguments.of("basicblock", new BasicBlock(64, 2, true, d), new Shape(4, 32, 9, 9)),
                Arguments.of(
                        "seresnext_bottleneck",
                        new Bottleneck(32, 2, true, d.withGroups(8, 4).withSe(1 / 16.0)),
                        new Shape(4, 64, 9, 9)),
                Arguments.of(
                        "resnetd_bottleneck",
                        new Bottleneck(32, 2, true, d.withAvgDown(true)),
                        new Shape(4, 64, 9, 9)),
                Arguments.of(
                        "preact_bottleneck",
                        new PreActBottleneck(128, 2, true, 0f),
                        new Shape(4, 64, 9, 9)));
    }

    /**
     * Eval output, train-mode output (batch statistics), running statistics after the step, and
     * gradients of sum(y * r) w.r.t. the input and every parameter equal the reference's.
     */
    @ParameterizedTest
    @MethodSource("units")
    void unitTrainModeAndGradientsMatchReference(String name, Block unit, Shape shape) {
        UnitParity.check("residual/" + name + "_train.npz", unit, shape);
    }
}

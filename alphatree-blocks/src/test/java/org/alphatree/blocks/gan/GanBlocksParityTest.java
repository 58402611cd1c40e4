package org.alphatree.blocks.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.alphatree.blocks.layers.ConvTranspose2d;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.UnitParity;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;

/** GAN blocks against PyTorch (tools/fixtures/gan.py). */
class GanBlocksParityTest {

    @Test
    void convTranspose2dEqualsTorch() {
        UnitParity.check(
                "gan/conv_transpose_k4s2p1_train.npz",
                new ConvTranspose2d(3, 4, 2, 1, 0, true),
                new Shape(2, 5, 6, 7));
        UnitParity.check(
                "gan/conv_transpose_k3s3p2op2_train.npz",
                new ConvTranspose2d(3, 3, 3, 2, 2, false),
                new Shape(2, 5, 4, 5));
        UnitParity.check(
                "gan/conv_transpose_k4s1p0_train.npz",
                new ConvTranspose2d(3, 4, 1, 0, 0, false),
                new Shape(2, 5, 1, 1));
        assertThrows(
                IllegalArgumentException.class, () -> new ConvTranspose2d(3, 4, 2, 1, 2, false));
    }

    @Test
    void selfAttentionEqualsTheReference() {
        UnitParity.check(
                "gan/self_attention_train.npz", new SelfAttention(16), new Shape(2, 16, 5, 6));
    }

    /** Three training forwards (one power iteration each), then inference: outputs and u, v. */
    @Test
    void spectralNormEqualsTorchAfterTheSameIterations() {
        Map<String, Npy.Array> ref = Fixtures.npz("gan/spectral_norm.npz");
        Shape in = new Shape(2, 4, 5, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNorm sn = SpectralNorm.conv2d(6, 3, 1, 1, true, 1);
            sn.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(sn);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(DeterministicWeights.input(in), in);
            for (int i = 0; i < 3; i++) {
                NDArray y = sn.forward(ps, new NDList(x), true).head();
                Fixtures.assertClose(
                        "train" + i,
                        ref.get("train" + i),
                        y.getShape().getShape(),
                        y.toFloatArray());
            }
            NDArray y = sn.forward(ps, new NDList(x), false).head();
            Fixtures.assertClose(
                    "eval", ref.get("eval"), y.getShape().getShape(), y.toFloatArray());
            var p = NamedParameters.of(sn);
            Fixtures.assertClose(
                    "weight_u",
                    ref.get("weight_u"),
                    new long[] {6},
                    p.get("weight_u").getArray().toFloatArray());
            Fixtures.assertClose(
                    "weight_v",
                    ref.get("weight_v"),
                    new long[] {36},
                    p.get("weight_v").getArray().toFloatArray());
        }
    }

    @Test
    void dcganEqualsThePyTorchExample() {
        UnitParity.checkEval(
                "gan/dcgan_g.npy", DCGAN.generator(100, 64, 3, 16), new Shape(2, 100, 1, 1));
        UnitParity.checkEval(
                "gan/dcgan_d.npy", DCGAN.discriminator(64, 3, 16), new Shape(2, 3, 16, 16));
        try (NDManager m = NDManager.newBaseManager()) {
            Block g = DCGAN.generator(100, 64, 3, 64);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 100, 1, 1));
            assertEquals(3_576_704L, BlockSummary.count(g, true));
            Block d = DCGAN.discriminator(64, 3, 64);
            d.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            assertEquals(2_765_568L, BlockSummary.count(d, true));
            NDArray img =
                    g.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.randomNormal(new Shape(2, 100))),
                                    false)
                            .head();
            assertEquals(new Shape(2, 3, 64, 64), img.getShape());
        }
    }
}

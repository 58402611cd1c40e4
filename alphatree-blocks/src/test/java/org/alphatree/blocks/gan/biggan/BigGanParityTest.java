package org.alphatree.blocks.gan.biggan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.UnitParity;
import org.junit.jupiter.api.Test;

/** BigGAN against ajbrock/BigGAN-PyTorch itself (tools/fixtures/biggan.py). */
class BigGanParityTest {

    private static final float SN = 1e-6f;
    private static final BigGan.Spec TINY = BigGan.Spec.tiny(10);
    private static final BigGan.Spec TINY_ATTN =
            new BigGan.Spec(32, 4, 4, 20, 8, 10, Set.of(16), Set.of(16), 1e-5f, SN);

    private static JsonObject manifest() {
        return JsonParser.parseString(Fixtures.text("biggan/manifest.json")).getAsJsonObject();
    }

    @Test
    void layersEqualTheReference() {
        UnitParity.checkInputs(
                "biggan/sn_conv_train.npz",
                SnLayer.conv2d(5, 3, 1, true, SN),
                new Shape(2, 3, 6, 6));
        UnitParity.checkInputs(
                "biggan/sn_linear_train.npz", SnLayer.linear(4, true, SN), new Shape(3, 7));
        UnitParity.checkInputs(
                "biggan/sn_embedding_train.npz", SnLayer.embedding(10, 6, SN), new Shape(4));
        UnitParity.checkInputs(
                "biggan/ccbn_train.npz",
                BigGanBatchNorm.conditional(6, 1e-5f, SN),
                new Shape(4, 6, 3, 3),
                new Shape(4, 5));
        UnitParity.checkInputs(
                "biggan/attention_train.npz", new Attention(16, SN), new Shape(2, 16, 4, 4));
        UnitParity.checkInputs(
                "biggan/gblock_train.npz",
                new GBlock(6, 4, 5, true, 1e-5f, SN),
                new Shape(4, 6, 3, 3),
                new Shape(4, 5));
        UnitParity.checkInputs(
                "biggan/dblock_train.npz", new DBlock(4, 6, true, true, SN), new Shape(2, 4, 6, 6));
    }

    /** Outputs, every gradient, u0/sv0 and the stored BN statistics after one training step. */
    @Test
    void tinyNetworksTrainLikeTheReference() {
        Shape z = new Shape(4, 20);
        Shape y = new Shape(4);
        Shape x = new Shape(4, 3, 32, 32);
        UnitParity.checkInputs("biggan/g32_train.npz", BigGan.generator(TINY), z, y);
        UnitParity.checkInputs("biggan/g32_attn_train.npz", BigGan.generator(TINY_ATTN), z, y);
        UnitParity.checkInputs("biggan/d32_train.npz", BigGan.discriminator(TINY), x, y);
        UnitParity.checkInputs("biggan/d32_attn_train.npz", BigGan.discriminator(TINY_ATTN), x, y);
    }

    private static long count(Block b, Shape... shapes) {
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, shapes);
            return BlockSummary.count(b, true);
        }
    }

    @Test
    void parameterCountsEqualTheReference() {
        JsonObject man = manifest();
        Shape z = new Shape(1, 20);
        Shape y = new Shape(1);
        Shape x = new Shape(1, 3, 32, 32);
        assertEquals(
                man.getAsJsonObject("tiny_generator").get("params").getAsLong(),
                count(BigGan.generator(TINY), z, y));
        assertEquals(
                man.getAsJsonObject("tiny_generator").get("attn_params").getAsLong(),
                count(BigGan.generator(TINY_ATTN), z, y));
        assertEquals(
                man.getAsJsonObject("tiny_discriminator").get("params").getAsLong(),
                count(BigGan.discriminator(TINY), x, y));
        assertEquals(
                man.getAsJsonObject("tiny_discriminator").get("attn_params").getAsLong(),
                count(BigGan.discriminator(TINY_ATTN), x, y));
        assertEquals(120, BigGan.Spec.launch128().latent());
        assertEquals(20, BigGan.Spec.launch128().zChunk());
    }

    @Test
    void badInputsAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            BigGan.Generator g = BigGan.generator(TINY);
            g.initialize(m, DataType.FLOAT32, new Shape(2, 20), new Shape(2));
            ParameterStore ps = new ParameterStore(m, false);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    g.forward(
                                            ps,
                                            new NDList(
                                                    m.zeros(new Shape(2, 20)),
                                                    m.create(new long[] {1, 10})),
                                            false));
            assertTrue(e.getMessage().contains("[0, 10)"), e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> g.forward(ps, new NDList(m.zeros(new Shape(2, 20))), false));
            assertTrue(e.getMessage().contains("(z, labels)"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new BigGan.Spec(48, 4, 4, 20, 8, 10, Set.of(), Set.of(), 1e-5f, SN));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        BigGan.discriminator(
                                new BigGan.Spec(
                                        512, 4, 4, 20, 8, 10, Set.of(), Set.of(), 1e-5f, SN)));
    }
}

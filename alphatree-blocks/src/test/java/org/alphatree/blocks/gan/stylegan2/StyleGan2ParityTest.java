package org.alphatree.blocks.gan.stylegan2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.UnitParity;
import org.junit.jupiter.api.Test;

/** StyleGAN2 against NVlabs/stylegan2-ada-pytorch itself (tools/fixtures/stylegan2.py). */
class StyleGan2ParityTest {

    private static final StyleGan2.Spec TINY = StyleGan2.Spec.tiny(16);

    private static JsonObject manifest() {
        return JsonParser.parseString(Fixtures.text("stylegan2/manifest.json")).getAsJsonObject();
    }

    /** wave2.md §B2's oracle, computed with the reference's modulated_conv2d. */
    @Test
    void modulatedConvolutionMatchesTheOracle() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.arange(54f).reshape(2, 3, 3, 3).div(50f).sub(0.5f);
            NDArray x = m.linspace(-1f, 1f, 96).reshape(2, 3, 4, 4);
            NDArray s = m.create(new float[] {1, 0.5f, -0.25f, 2, 1, 0.1f}, new Shape(2, 3));
            for (boolean fused : new boolean[] {true, false}) {
                NDArray y = Resample.modulatedConv2d(x, w, s, null, 1, 1, true, true, fused);
                assertEquals(18.923237f, y.sum().getFloat(), 1e-4f, "demodulated sum");
                assertEquals(1.273914f, y.getFloat(0, 0, 0, 0), 1e-5f, "demodulated [0,0,0,0]");
                NDArray p = Resample.modulatedConv2d(x, w, s, null, 1, 1, false, true, fused);
                assertEquals(23.407576f, p.sum().getFloat(), 1e-4f, "plain sum");
                assertEquals(1.685579f, p.getFloat(0, 0, 0, 0), 1e-5f, "plain [0,0,0,0]");
            }
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            Resample.modulatedConv2d(
                                    x, w, s.get("0:1"), null, 1, 1, true, true, true));
        }
    }

    @Test
    void layersEqualTheReference() {
        UnitParity.checkInputs(
                "stylegan2/mapping_train.npz",
                new MappingNetwork(8, 6, 3, 2, 0.01f, 0.995f),
                new Shape(4, 8));
        SynthesisLayer up = new SynthesisLayer(4, 6, 5, 8, 2, -1f);
        up.setNoiseMode(NoiseMode.CONST);
        UnitParity.checkInputs(
                "stylegan2/synthesis_layer_up_train.npz",
                up,
                new Shape(2, 4, 4, 4),
                new Shape(2, 5));
        SynthesisLayer clamp = new SynthesisLayer(4, 6, 5, 5, 1, 0.3f);
        clamp.setNoiseMode(NoiseMode.CONST);
        UnitParity.checkInputs(
                "stylegan2/synthesis_layer_clamp_train.npz",
                clamp,
                new Shape(2, 4, 5, 5),
                new Shape(2, 5));
        UnitParity.checkInputs(
                "stylegan2/torgb_train.npz",
                new ToRGBLayer(6, 3, -1f),
                new Shape(2, 6, 4, 4),
                new Shape(2, 5));
        UnitParity.checkInputs(
                "stylegan2/dblock_first_train.npz",
                new DiscriminatorBlock(0, 6, 8, 3, -1f),
                new Shape(2, 3, 8, 8));
        UnitParity.checkInputs(
                "stylegan2/epilogue_train.npz",
                new DiscriminatorEpilogue(8, 4, 2, -1f),
                new Shape(4, 8, 4, 4));
    }

    /** Outputs, every gradient, and w_avg after one training forward of the tiny G and D. */
    @Test
    void tinyNetworksTrainLikeTheReference() {
        StyleGan2.Generator g = StyleGan2.generator(TINY);
        g.setNoiseMode(NoiseMode.CONST);
        UnitParity.checkInputs("stylegan2/g16_train.npz", g, new Shape(4, 32));
        UnitParity.checkInputs(
                "stylegan2/d16_train.npz", StyleGan2.discriminator(TINY), new Shape(4, 3, 16, 16));
    }

    @Test
    void truncationEqualsTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            StyleGan2.Generator g = StyleGan2.generator(TINY);
            Shape zs = new Shape(4, 32);
            g.initialize(m, DataType.FLOAT32, zs);
            DeterministicWeights.fill(g);
            g.setNoiseMode(NoiseMode.CONST);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray z = m.create(DeterministicWeights.input(zs), zs);
            g.setTruncation(0.7f, 0);
            NDArray y = g.forward(ps, new NDList(z), false).head();
            Fixtures.assertClose(
                    "psi 0.7",
                    Fixtures.npy("stylegan2/g16_psi0.7.npy"),
                    y.getShape().getShape(),
                    y.toFloatArray());
            g.setTruncation(0.5f, 2);
            y = g.forward(ps, new NDList(z), false).head();
            Fixtures.assertClose(
                    "psi 0.5 cutoff 2",
                    Fixtures.npy("stylegan2/g16_psi0.5_cutoff2.npy"),
                    y.getShape().getShape(),
                    y.toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> g.setTruncation(Float.NaN, 0));
            assertThrows(IllegalArgumentException.class, () -> g.setTruncation(0.5f, 7));
        }
    }

    @Test
    void parameterCountsEqualTheReference() {
        JsonObject man = manifest();
        try (NDManager m = NDManager.newBaseManager()) {
            StyleGan2.Generator g = StyleGan2.generator(TINY);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 32));
            JsonObject tg = man.getAsJsonObject("tiny_generator");
            assertEquals(tg.get("params").getAsLong(), BlockSummary.count(g, true));
            assertEquals(tg.get("num_ws").getAsInt(), g.numWs());
            assertEquals(tg.get("mapping").getAsLong(), BlockSummary.count(g.mapping(), true));
            StyleGan2.Discriminator d = StyleGan2.discriminator(TINY);
            d.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            assertEquals(
                    man.getAsJsonObject("tiny_discriminator").get("params").getAsLong(),
                    BlockSummary.count(d, true));
        }
        StyleGan2.Generator full = StyleGan2.generator(StyleGan2.Spec.configF(1024));
        assertEquals(man.getAsJsonObject("generator_1024").get("num_ws").getAsInt(), full.numWs());
    }

    @Test
    void badInputsAreNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            StyleGan2.Generator g = StyleGan2.generator(TINY);
            g.initialize(m, DataType.FLOAT32, new Shape(2, 32));
            ParameterStore ps = new ParameterStore(m, false);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> g.forward(ps, new NDList(m.zeros(new Shape(2, 31))), false));
            assertTrue(e.getMessage().contains("(N, 32)"), e.getMessage());
            StyleGan2.Discriminator d = StyleGan2.discriminator(TINY);
            d.initialize(m, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> d.forward(ps, new NDList(m.zeros(new Shape(2, 3, 8, 8))), false));
            assertTrue(e.getMessage().contains("16, 16"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> new StyleGan2.Spec(32, 32, 12, 3, 2, 256, 32, 4, -1f));
    }
}

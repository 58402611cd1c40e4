package org.alphatree.blocks.gan.progan;

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
import org.alphatree.blocks.weights.NamedParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ProGAN against its PyTorch twin of the TF code (tools/fixtures/progan.py). */
class ProGanParityTest {

    private static final ProGan.Spec TINY = new ProGan.Spec(16, 3, 0, 64, 32, 32, true, 4);
    private static final ProGan.Spec TINY_D = new ProGan.Spec(16, 3, 2, 64, 32, 32, true, 4);

    private static JsonObject manifest() {
        return JsonParser.parseString(Fixtures.text("progan/manifest.json")).getAsJsonObject();
    }

    @Test
    void layersEqualTheTwin() {
        UnitParity.check("progan/pixel_norm_train.npz", new PixelNorm(), new Shape(3, 5, 4, 4));
        UnitParity.check("progan/mbstd_train.npz", new MinibatchStdDev(4), new Shape(8, 3, 4, 4));
        UnitParity.check(
                "progan/mbstd_small_batch_train.npz",
                new MinibatchStdDev(4),
                new Shape(3, 3, 2, 2));
        for (EqualizedConv2d.Resample r : EqualizedConv2d.Resample.values()) {
            String name = r == EqualizedConv2d.Resample.NONE ? "same" : r.name().toLowerCase();
            Shape in =
                    r == EqualizedConv2d.Resample.DOWN
                            ? new Shape(2, 4, 6, 6)
                            : new Shape(2, 4, 5, 5);
            UnitParity.check(
                    "progan/eqconv_" + name + "_train.npz",
                    EqualizedConv2d.builder().setFilters(6).setKernel(3).optResample(r).build(),
                    in);
        }
        UnitParity.check(
                "progan/eqlinear_train.npz",
                EqualizedLinear.builder().setUnits(5).build(),
                new Shape(3, 12));
    }

    /** The strided grouping: wave2.md §B2's oracle, computed with stylegan2-ada's layer. */
    @Test
    void minibatchStdDevGroupsAreStrided() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(64f).reshape(8, 2, 2, 2).pow(1.5f).div(10f);
            MinibatchStdDev l = new MinibatchStdDev(4);
            l.initialize(m, DataType.FLOAT32, x.getShape());
            NDArray y = l.forward(new ParameterStore(m, false), new NDList(x), false).head();
            float[] s = y.get(":, 2, 0, 0").toFloatArray();
            for (int i = 0; i < 8; i++) {
                assertEquals(i % 2 == 0 ? 13.694957f : 15.759481f, s[i], 1e-4f, "sample " + i);
            }
            NDArray odd = m.zeros(new Shape(6, 2, 2, 2));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> l.forward(new ParameterStore(m, false), new NDList(odd), false));
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {0f, 0.5f, 1f, 1.7f, 2f})
    void tinyNetworksEqualTheTwinAtEveryLevelOfDetail(float lod) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            ProGan.Progressive g = ProGan.generator(TINY);
            g.initialize(m, DataType.FLOAT32, new Shape(4, 32));
            DeterministicWeights.fill(g);
            g.setLod(lod);
            Shape zs = new Shape(4, 32);
            NDArray y =
                    g.forward(ps, new NDList(m.create(DeterministicWeights.input(zs), zs)), false)
                            .head();
            Fixtures.assertClose(
                    "G lod " + lod,
                    Fixtures.npy("progan/g16_lod" + lod + ".npy"),
                    y.getShape().getShape(),
                    y.toFloatArray());
            ProGan.Progressive d = ProGan.discriminator(TINY_D);
            Shape xs = new Shape(4, 3, 16, 16);
            d.initialize(m, DataType.FLOAT32, xs);
            DeterministicWeights.fill(d);
            d.setLod(lod);
            NDArray s =
                    d.forward(ps, new NDList(m.create(DeterministicWeights.input(xs), xs)), false)
                            .head();
            Fixtures.assertClose(
                    "D lod " + lod,
                    Fixtures.npy("progan/d16_lod" + lod + ".npy"),
                    s.getShape().getShape(),
                    s.toFloatArray());
        }
    }

    /** Outputs and every parameter's gradient at a fade (lod 0.5). */
    @Test
    void tinyNetworksTrainLikeTheTwin() {
        ProGan.Progressive g = ProGan.generator(TINY);
        ProGan.Progressive d = ProGan.discriminator(TINY_D);
        g.setLod(0.5f);
        d.setLod(0.5f);
        UnitParity.check("progan/g16_train.npz", g, new Shape(4, 32));
        UnitParity.check("progan/d16_train.npz", d, new Shape(4, 3, 16, 16));
    }

    @Test
    void countsEqualTheTfCode() {
        JsonObject want = manifest();
        try (NDManager m = NDManager.newBaseManager()) {
            ProGan.Progressive g = ProGan.generator(ProGan.Spec.paper(1024));
            BlockSummary sg = BlockSummary.of(m, "g", g, new Shape(1, 512));
            assertEquals(want.get("progan_generator_1024").getAsLong(), sg.trainableParameters());
            assertEquals(23_079_115L, sg.trainableParameters());
            assertEquals(new Shape(1, 3, 1024, 1024), sg.outputShape());
            ProGan.Progressive d = ProGan.discriminator(ProGan.Spec.paper(1024));
            d.setLod(8f); // 4x4 only: the count does not depend on it, the trace is fast
            BlockSummary sd = BlockSummary.of(m, "d", d, new Shape(1, 3, 1024, 1024));
            assertEquals(23_087_249L, sd.trainableParameters());
            assertEquals(
                    want.get("progan_discriminator_1024").getAsLong(), sd.trainableParameters());
            ProGan.Progressive tiny = ProGan.generator(TINY);
            tiny.initialize(m, DataType.FLOAT32, new Shape(1, 32));
            assertEquals(want.get("g16").getAsLong(), count(tiny));
            assertTrue(NamedParameters.of(tiny).containsKey("8x8.Conv0_up.weight"));
            assertTrue(NamedParameters.of(tiny).containsKey("ToRGB_lod2.bias"));
        }
    }

    private static long count(ai.djl.nn.Block b) {
        return NamedParameters.of(b).values().stream()
                .mapToLong(p -> p.getArray().getShape().size())
                .sum();
    }

    @Test
    void specsAndLevelsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ProGan.Spec.paper(48));
        ProGan.Progressive g = ProGan.generator(TINY);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> g.setLod(2.5f));
        assertTrue(e.getMessage().contains("[0, 2.0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.setLod(Float.NaN));
        assertThrows(
                IllegalArgumentException.class,
                () -> EqualizedConv2d.builder().setFilters(3).setKernel(4).build());
        assertThrows(IllegalArgumentException.class, () -> EqualizedLinear.builder().build());
    }
}

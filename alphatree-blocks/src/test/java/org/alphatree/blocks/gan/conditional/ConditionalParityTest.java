package org.alphatree.blocks.gan.conditional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.function.Function;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;

/**
 * CGAN, ACGAN, InfoGAN and the projection discriminator against twins
 * (tools/fixtures/conditional.py).
 */
class ConditionalParityTest {

    private static final float[] LABELS = {2, 0, 1, 2};

    private static JsonObject manifest() {
        return JsonParser.parseString(Fixtures.text("conditional/manifest.json")).getAsJsonObject();
    }

    /** Eval and train outputs (concatenated) and every parameter's gradient, as the fixture. */
    private static void check(String name, Block net, boolean labels, Shape... shapes) {
        Map<String, Npy.Array> ref = Fixtures.npz("conditional/" + name + ".npz");
        try (NDManager m = NDManager.newBaseManager()) {
            Shape[] all = labels ? new Shape[] {shapes[0], new Shape(4)} : shapes;
            net.initialize(m, DataType.FLOAT32, all);
            DeterministicWeights.fill(net);
            Function<NDManager, NDList> inputs =
                    mm -> {
                        NDArray x = mm.create(DeterministicWeights.input(shapes[0]), shapes[0]);
                        x.setRequiresGradient(true);
                        NDList in = new NDList(x);
                        if (labels) {
                            in.add(mm.create(LABELS).toType(DataType.INT64, false));
                        }
                        return in;
                    };
            ParameterStore ps = new ParameterStore(m, false);
            NDArray eval = flat(net.forward(ps, inputs.apply(m), false));
            Fixtures.assertClose(
                    name + " eval",
                    ref.get("eval_output"),
                    eval.getShape().getShape(),
                    eval.toFloatArray());
            NDList trainInputs = inputs.apply(m);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList rawOut = net.forward(ps, trainInputs, true);
                NDArray y = flat(rawOut);
                Fixtures.assertClose(
                        name + " train",
                        ref.get("train_output"),
                        y.getShape().getShape(),
                        y.toFloatArray());
                float[] r = new float[(int) y.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (float) Math.cos(0.11 * i);
                }
                gc.backward(y.mul(m.create(r)).sum());
            }
            int checked = 0;
            for (Map.Entry<String, Parameter> e : NamedParameters.of(net).entrySet()) {
                Npy.Array want = ref.get("grad." + e.getKey());
                if (!e.getValue().requiresGradient()) {
                    continue;
                }
                assertTrue(want != null, name + ": no reference gradient for " + e.getKey());
                Fixtures.assertClose(
                        name + " grad " + e.getKey(),
                        want,
                        e.getValue().getArray().getShape().getShape(),
                        e.getValue().getArray().getGradient().toFloatArray());
                checked++;
            }
            assertEquals(
                    ref.keySet().stream().filter(k -> k.startsWith("grad.")).count(),
                    checked,
                    name);
            String key = name + "_tiny";
            assertEquals(manifest().get(key).getAsLong(), count(net), key);
        }
    }

    private static NDArray flat(NDList out) {
        if (out.size() == 1) {
            return out.head().reshape(-1); // DJL's concat of one array is a detached copy
        }
        NDList parts = new NDList();
        for (NDArray a : out) {
            parts.add(a.reshape(-1));
        }
        return NDArrays.concat(parts, 0);
    }

    private static long count(Block b) {
        return NamedParameters.of(b).values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().getShape().size())
                .sum();
    }

    private static final Cgan.Spec CGAN =
            new Cgan.Spec(3, 6, 1, 8, 8, new int[] {8, 16, 16, 32}, 16, 0f);
    private static final Acgan.Spec ACGAN =
            new Acgan.Spec(3, 6, 1, 16, new int[] {8, 4}, new int[] {4, 4, 8, 8}, 0f);
    private static final InfoGan.Spec INFO =
            new InfoGan.Spec(4, 3, 2, 1, 16, new int[] {8, 4}, new int[] {4, 4, 8, 8}, 0f);

    @Test
    void cganEqualsTheTwin() {
        check("cgan_g", Cgan.generator(CGAN), true, new Shape(4, 6));
        check("cgan_d", Cgan.discriminator(CGAN), true, new Shape(4, 1, 8, 8));
    }

    @Test
    void acganEqualsTheTwin() {
        check("acgan_g", Acgan.generator(ACGAN), true, new Shape(4, 6));
        check("acgan_d", Acgan.discriminator(ACGAN), false, new Shape(4, 1, 16, 16));
    }

    @Test
    void infoGanEqualsTheTwin() {
        check("infogan_g", InfoGan.generator(INFO), false, new Shape(4, 9));
        check("infogan_d", InfoGan.discriminator(INFO), false, new Shape(4, 1, 16, 16));
    }

    @Test
    void projectionDiscriminatorEqualsTheTwin() {
        Sequential trunk = new Sequential();
        trunk.add(Layers.linear(8, true));
        trunk.add(Activation.reluBlock());
        trunk.add(Layers.linear(8, true));
        trunk.add(Activation.reluBlock());
        check("projection_d", new ProjectionDiscriminator(trunk, 8, 3), true, new Shape(4, 2));
    }

    /** eriklindernoren's 32x32x1, 10-class networks: wave2.md's counts, our twin's. */
    @Test
    void referenceSizesHaveTheReferenceCounts() {
        JsonObject want = manifest();
        try (NDManager m = NDManager.newBaseManager()) {
            Object[][] nets = {
                {
                    "cgan_generator_32",
                    Cgan.generator(Cgan.Spec.reference(10, 1, 32)),
                    new Shape[] {new Shape(1, 100), new Shape(1)}
                },
                {
                    "cgan_discriminator_32",
                    Cgan.discriminator(Cgan.Spec.reference(10, 1, 32)),
                    new Shape[] {new Shape(1, 1, 32, 32), new Shape(1)}
                },
                {
                    "acgan_generator_32",
                    Acgan.generator(Acgan.Spec.reference(10, 1, 32)),
                    new Shape[] {new Shape(1, 100), new Shape(1)}
                },
                {
                    "acgan_discriminator_32",
                    Acgan.discriminator(Acgan.Spec.reference(10, 1, 32)),
                    new Shape[] {new Shape(1, 1, 32, 32)}
                },
                {
                    "infogan_generator_32",
                    InfoGan.generator(InfoGan.Spec.reference(1, 32)),
                    new Shape[] {new Shape(1, 74)}
                },
                {
                    "infogan_discriminator_32",
                    InfoGan.discriminator(InfoGan.Spec.reference(1, 32)),
                    new Shape[] {new Shape(1, 1, 32, 32)}
                },
            };
            for (Object[] n : nets) {
                Block b = (Block) n[1];
                b.initialize(m, DataType.FLOAT32, (Shape[]) n[2]);
                assertEquals(want.get((String) n[0]).getAsLong(), count(b), (String) n[0]);
            }
        }
        assertEquals(1_757_412L, want.get("cgan_generator_32").getAsLong());
        assertEquals(103_243L, want.get("acgan_discriminator_32").getAsLong());
    }

    @Test
    void labelsAreChecked() {
        try (NDManager m = NDManager.newBaseManager()) {
            ClassEmbedding e = new ClassEmbedding(3, 4);
            e.initialize(m, DataType.FLOAT32, new Shape(2));
            ParameterStore ps = new ParameterStore(m, false);
            IllegalArgumentException x =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> e.forward(ps, new NDList(m.create(new long[] {0, 3})), false));
            assertTrue(x.getMessage().contains("[0, 3)"), x.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> e.forward(ps, new NDList(m.create(new long[] {-1})), false));
        }
        assertThrows(IllegalArgumentException.class, () -> Acgan.Spec.reference(10, 1, 24));
    }
}

package org.alphatree.blocks.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.weights.NamedParameters;

/**
 * Checks of registered networks against what a family's fixture script wrote: the reference's
 * state_dict keys ({@code <family>/<name>_keys.json}) and the counts ({@code
 * <family>/counts.json}).
 */
public final class ReferenceChecks {

    private ReferenceChecks() {}

    /** One network's counts in {@code counts.json}. */
    record Count(long trainable_parameters, long macs, int input_side, int min_input) {}

    /**
     * Parameter and buffer names and shapes equal the reference's state_dict (less {@code
     * num_batches_tracked}), in order.
     *
     * @param family the fixture directory
     * @param name the registry name
     */
    public static void assertStateDictKeys(String family, String name) {
        JsonObject ref =
                new Gson()
                        .fromJson(
                                Fixtures.text(family + "/" + name + "_keys.json"),
                                JsonObject.class);
        List<String> expected = new ArrayList<>();
        ref.keySet().stream()
                .filter(k -> !k.endsWith("num_batches_tracked"))
                .forEach(expected::add);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelInfo info = ModelRegistry.get(name);
            Block net = info.build();
            int side = Math.max(info.minInputSize(), 32);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, side, side));
            Map<String, Parameter> mine = NamedParameters.of(net);
            assertEquals(expected, new ArrayList<>(mine.keySet()), name);
            for (String k : expected) {
                assertArrayEquals(
                        new Gson().fromJson(ref.get(k), long[].class),
                        mine.get(k).getArray().getShape().getShape(),
                        name + " " + k);
            }
        }
    }

    /**
     * The registry's counts, default and minimum input sides are what PyTorch computed.
     *
     * @param family the fixture directory
     * @param networks how many networks {@code counts.json} must list
     */
    public static void assertCounts(String family, int networks) {
        Map<String, Count> counts =
                new Gson()
                        .fromJson(
                                Fixtures.text(family + "/counts.json"),
                                new TypeToken<Map<String, Count>>() {}.getType());
        assertEquals(networks, counts.size());
        for (Map.Entry<String, Count> e : counts.entrySet()) {
            ModelInfo info = ModelRegistry.get(e.getKey());
            Count c = e.getValue();
            assertEquals(c.trainable_parameters(), info.trainableParameters(), e.getKey());
            assertEquals(c.macs() / 1e9, info.gmacs(), 5e-7, e.getKey());
            assertEquals(c.input_side(), info.defaultInputShape().get(2), e.getKey());
            assertEquals(c.min_input(), info.minInputSize(), e.getKey());
        }
    }

    /**
     * One below the registry's minimum input side fails with a message naming the layer (under
     * {@code layerPrefix}) and the sizes.
     *
     * @param name the registry name
     * @param layerPrefix the start of the failing layer's path ({@code features.})
     */
    public static void assertBelowMinimumFails(String name, String layerPrefix) {
        ModelInfo info = ModelRegistry.get(name);
        long c = info.defaultInputShape().get(1);
        int s = info.minInputSize() - 1;
        int ok = Math.max(64, info.minInputSize());
        BlockException e =
                forwardFails(info.build(), new Shape(1, c, ok, ok), new Shape(1, c, s, s));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        assertTrue(e.getMessage().contains(layerPrefix), e.getMessage());
    }

    /**
     * Initializes a network at one shape and returns the exception a forward at another raises.
     *
     * @param net the network
     * @param init the initialization shape
     * @param bad the failing input shape
     * @return the exception
     */
    public static BlockException forwardFails(Block net, Shape init, Shape bad) {
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, init);
            return assertThrows(
                    BlockException.class,
                    () ->
                            net.forward(
                                    new ParameterStore(m, false), new NDList(m.zeros(bad)), false));
        }
    }

    /**
     * The population standard deviation of an array's elements.
     *
     * @param a the array
     * @return the standard deviation
     */
    public static float std(ai.djl.ndarray.NDArray a) {
        ai.djl.ndarray.NDArray centred = a.sub(a.mean());
        return (float) Math.sqrt(centred.mul(centred).mean().getFloat());
    }

    /**
     * Asserts that an action throws an {@link IllegalArgumentException} whose message contains a
     * part.
     *
     * @param e the action
     * @param part the expected part of the message
     */
    public static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }

    /**
     * Parity through a real reference checkpoint written by {@code
     * tools/fixtures/common.py:save_view_checkpoint} ({@code <family>/<name>_views.pth}, every
     * tensor a strided view of a small storage): read with the reader's expansion budget raised for
     * this trusted fixture, loaded strictly by name into the registry's network, whose eval-mode
     * output must equal {@code <name>_views.npy}.
     *
     * @param family the fixture directory
     * @param name the registry name
     * @param shape the input shape ({@code DeterministicWeights.input})
     * @throws Exception on a read error
     */
    public static void assertViewCheckpoint(String family, String name, Shape shape)
            throws Exception {
        java.nio.file.Path pth =
                java.nio.file.Path.of(
                        ReferenceChecks.class
                                .getResource("/fixtures/" + family + "/" + name + "_views.pth")
                                .toURI());
        String key = org.alphatree.blocks.weights.TorchCheckpoint.MAX_BYTES_PROPERTY;
        String before = System.getProperty(key);
        Map<String, org.alphatree.blocks.weights.TensorData> sd;
        try {
            // the views expand a thousand-fold: a bomb by the default budget, trusted here
            System.setProperty(key, String.valueOf(1L << 30));
            sd = org.alphatree.blocks.weights.Weights.read(pth, null);
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get(name).build();
            net.initialize(m, DataType.FLOAT32, shape);
            org.alphatree.blocks.weights.LoadReport r =
                    org.alphatree.blocks.weights.Weights.load(net, sd, true, null);
            assertTrue(r.isComplete(), r.describe());
            sd = null;
            ai.djl.ndarray.NDArray y =
                    net.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.create(DeterministicWeights.input(shape), shape)),
                                    false)
                            .head();
            Fixtures.assertClose(
                    name,
                    Fixtures.npy(family + "/" + name + "_views.npy"),
                    y.getShape().getShape(),
                    y.toFloatArray());
        }
    }
}

package org.alphatree.blocks.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one network parity test: every family's {@code manifest.json} (schema {@code
 * alphatree-parity/1}, written by {@code tools/fixtures/common.py:write_manifest}) lists its
 * networks with the reference, the input shape, PyTorch's trainable-parameter count, the fixture
 * and the tolerance. Each network is built from the registry, filled with the deterministic weights
 * both sides share, and its eval-mode output compared with the fixture.
 */
class NetworkParityTest {

    /** The families whose fixture directories hold a network manifest. */
    private static final List<String> FAMILIES =
            List.of("residual", "inception", "dense", "classic", "mobile", "nas");

    /** One manifest entry, as Gson reads it. */
    record Entry(
            String reference,
            long[] input_shape,
            long trainable_parameters,
            long[] output_shape,
            double output_abs_max,
            String fixture,
            double tolerance) {}

    /** A family manifest. */
    record Manifest(String schema, Map<String, Entry> networks) {}

    static Map<String, Entry> manifest(String family) {
        Manifest m = new Gson().fromJson(Fixtures.text(family + "/manifest.json"), Manifest.class);
        assertEquals("alphatree-parity/1", m.schema(), family + " manifest schema");
        return m.networks();
    }

    static Stream<String> networks() {
        List<String> all = new ArrayList<>();
        for (String f : FAMILIES) {
            manifest(f).keySet().forEach(n -> all.add(f + "/" + n));
        }
        return all.stream();
    }

    private static Entry entry(String id) {
        String[] p = id.split("/");
        return manifest(p[0]).get(p[1]);
    }

    /** The registry's metadata equals what PyTorch wrote. */
    @ParameterizedTest
    @MethodSource("networks")
    void registryCountsEqualTheManifest(String id) {
        Entry e = entry(id);
        ModelInfo info = ModelRegistry.get(id.substring(id.indexOf('/') + 1));
        assertEquals(e.trainable_parameters(), info.trainableParameters(), id);
        assertEquals(e.reference(), info.reference(), id);
        assertEquals(info.numClasses(), e.output_shape()[1], id);
    }

    /** Eval-mode outputs equal the reference's, with the same trainable-parameter count. */
    @ParameterizedTest
    @MethodSource("networks")
    void outputEqualsTheReference(String id) {
        Entry e = entry(id);
        Npy.Array expected = Fixtures.npy(e.fixture());
        Shape in = new Shape(e.input_shape());
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get(id.substring(id.indexOf('/') + 1)).build();
            net.initialize(m, DataType.FLOAT32, in);
            DeterministicWeights.fill(net);
            assertEquals(e.trainable_parameters(), BlockSummary.count(net, true), id);
            NDArray y =
                    net.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.create(DeterministicWeights.input(in), in)),
                                    false)
                            .head();
            assertEquals(new Shape(e.output_shape()), y.getShape(), id);
            assertEquals(Fixtures.TOLERANCE, e.tolerance(), id + ": the manifest's tolerance");
            Fixtures.assertClose(id, expected, y.getShape().getShape(), y.toFloatArray());
        }
    }

    /** Every registered classifier has a parity fixture. */
    @Test
    void everyRegisteredNetworkIsInAManifest() {
        TreeSet<String> inManifests = new TreeSet<>();
        FAMILIES.forEach(f -> inManifests.addAll(manifest(f).keySet()));
        TreeSet<String> registered = new TreeSet<>();
        ModelRegistry.all().forEach(i -> registered.add(i.name()));
        assertEquals(registered, inManifests);
    }
}

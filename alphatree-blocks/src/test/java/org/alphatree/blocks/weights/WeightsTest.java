package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alphatree.blocks.AlphaTree;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {

    @TempDir Path tmp;

    private static Block resnet18(NDManager m) {
        Block b = AlphaTree.model("resnet18");
        b.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return b;
    }

    /**
     * The export has torchvision resnet18's state_dict keys and shapes, num_batches_tracked
     * included.
     */
    @Test
    void exportHasTheReferenceKeysAndShapes() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = resnet18(m);
            DeterministicWeights.fill(net);
            Path f = tmp.resolve("resnet18.safetensors");
            Weights.exportSafetensors(net, f);
            Map<String, TensorData> back = SafeTensors.read(f);
            JsonObject ref =
                    JsonUtils.GSON.fromJson(
                            Fixtures.text("weights/resnet18_keys.json"), JsonObject.class);
            assertEquals(new ArrayList<>(ref.keySet()), new ArrayList<>(back.keySet()));
            for (Map.Entry<String, JsonElement> e : ref.entrySet()) {
                assertArrayEquals(
                        JsonUtils.GSON.fromJson(e.getValue(), long[].class),
                        back.get(e.getKey()).shape(),
                        e.getKey());
            }
            assertEquals(DType.INT64, back.get("bn1.num_batches_tracked").dtype());
        }
    }

    /** Export, then strict load into a fresh network: identical outputs. */
    @Test
    void roundTripThroughSafetensorsKeepsOutputs() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = resnet18(m);
            DeterministicWeights.fill(a);
            Path f = tmp.resolve("a.safetensors");
            Weights.exportSafetensors(a, f);
            Block b = resnet18(m);
            LoadReport r = Weights.load(b, Weights.read(f, null), true, null);
            assertTrue(r.isComplete());
            // 122 state_dict entries less 20 num_batches_tracked
            assertEquals(102, r.loaded().size());
            NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
            ParameterStore ps = new ParameterStore(m, false);
            float[] ya = a.forward(ps, new NDList(x), false).head().toFloatArray();
            float[] yb = b.forward(ps, new NDList(x), false).head().toFloatArray();
            assertArrayEquals(ya, yb);
        }
    }

    /** Strict mode lists every problem at once and changes nothing; lenient loads the rest. */
    @Test
    void strictLoadReportsAllProblemsAndChangesNothing() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block src = resnet18(m);
            DeterministicWeights.fill(src);
            Map<String, TensorData> sd = new LinkedHashMap<>();
            for (Map.Entry<String, TensorData> e : Weights.stateDict(src).entrySet()) {
                sd.put("module." + e.getKey(), e.getValue());
            }
            sd.remove("module.layer1.0.conv1.weight");
            sd.put("module.extra.weight", TensorData.ofFloats(new long[] {1}, new float[] {1}));
            sd.put("module.fc.bias", TensorData.ofFloats(new long[] {10}, new float[10]));
            Block dst = resnet18(m);
            float before = NamedParameters.of(dst).get("conv1.weight").getArray().sum().getFloat();
            WeightLoadException e =
                    assertThrows(
                            WeightLoadException.class,
                            () -> Weights.load(dst, sd, true, "module."));
            String msg = e.getMessage();
            assertTrue(msg.contains("layer1.0.conv1.weight"), msg);
            assertTrue(msg.contains("extra.weight"), msg);
            assertTrue(msg.contains("fc.bias: block [1000] vs file [10]"), msg);
            assertEquals(
                    before,
                    NamedParameters.of(dst).get("conv1.weight").getArray().sum().getFloat());
            LoadReport r = Weights.load(dst, sd, false, "module.");
            assertEquals(1, r.missing().size());
            assertEquals(1, r.unexpected().size());
            assertEquals(1, r.mismatched().size());
            assertEquals(
                    NamedParameters.of(src).get("conv1.weight").getArray().sum().getFloat(),
                    NamedParameters.of(dst).get("conv1.weight").getArray().sum().getFloat());
        }
    }

    @Test
    void corruptSafetensorsIsACleanError() throws IOException {
        Path f = tmp.resolve("bad.safetensors");
        Files.write(f, new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThrows(WeightFormatException.class, () -> SafeTensors.read(f));
        Files.write(f, new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{', '"'});
        assertThrows(WeightFormatException.class, () -> SafeTensors.read(f));
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        byte[] h = header.getBytes();
        byte[] b = new byte[8 + h.length + 8];
        b[0] = (byte) h.length;
        System.arraycopy(h, 0, b, 8, h.length);
        Files.write(f, b);
        WeightFormatException e =
                assertThrows(WeightFormatException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void safetensorsKeepsDtypes() throws IOException {
        Map<String, TensorData> in = new LinkedHashMap<>();
        in.put("a", TensorData.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3, 4}));
        in.put("n", new TensorData(DType.INT64, new long[0], new byte[] {7, 0, 0, 0, 0, 0, 0, 0}));
        in.put("h", new TensorData(DType.FLOAT16, new long[] {1}, new byte[] {0, 0x3c}));
        Path f = tmp.resolve("t.safetensors");
        SafeTensors.write(f, in);
        Map<String, TensorData> out = SafeTensors.read(f);
        assertEquals(in.keySet(), out.keySet());
        assertArrayEquals(new float[] {1, 2, 3, 4}, out.get("a").toFloats());
        assertEquals(7.0, out.get("n").toDoubles()[0]);
        assertEquals(DType.FLOAT16, out.get("h").dtype());
        assertEquals(1f, out.get("h").toFloats()[0]);
        assertEquals(
                0,
                java.nio.ByteBuffer.wrap(Files.readAllBytes(f), 0, 8)
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                                .getLong()
                        % 8,
                "header padded to 8 bytes");
    }

    @Test
    void loadingAnUninitializedBlockSaysWhatToDo() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> Weights.load(AlphaTree.model("resnet18"), Map.of(), true, null));
        assertTrue(e.getMessage().contains("initialize"), e.getMessage());
    }

    @Test
    void npzKeepsNamesAndDtypes() throws IOException {
        Map<String, TensorData> in = new LinkedHashMap<>();
        in.put("f", TensorData.ofFloats(new long[] {2}, new float[] {1.5f, -2}));
        in.put(
                "i",
                new TensorData(DType.INT64, new long[] {1}, new byte[] {5, 0, 0, 0, 0, 0, 0, 0}));
        in.put("h", new TensorData(DType.FLOAT16, new long[] {1}, new byte[] {0, 0x3c}));
        in.put("u", new TensorData(DType.UINT8, new long[] {2}, new byte[] {1, (byte) 200}));
        Path f = tmp.resolve("t.npz");
        try (java.io.OutputStream out = Files.newOutputStream(f)) {
            Npy.writeNpzTensors(out, in);
        }
        Map<String, TensorData> back = Weights.read(f, null);
        assertEquals(in.keySet(), back.keySet());
        for (String k : in.keySet()) {
            assertEquals(in.get(k).dtype(), back.get(k).dtype(), k);
            assertArrayEquals(in.get(k).rawBytes(), back.get(k).rawBytes(), k);
        }
    }
}

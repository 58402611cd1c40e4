package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure-Java PyTorch checkpoint reader against files written by PyTorch
 * (tools/fixtures/weights.py).
 */
class TorchCheckpointTest {

    @TempDir Path tmp;

    private Path fixture(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/fixtures/weights/" + name)) {
            assertTrue(in != null, "missing fixture " + name);
            Files.copy(in, p);
        }
        return p;
    }

    /**
     * Both formats list exactly what torch.load lists: keys in order, dtypes, shapes and values.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tensors_zip.pth", "tensors_legacy.pth"})
    void readsWhatTorchLoadReads(String file) throws IOException {
        TorchCheckpoint ckpt = TorchCheckpoint.read(fixture(file));
        Map<String, TensorData> sd = ckpt.stateDict(null);
        JsonObject manifest =
                JsonUtils.GSON.fromJson(Fixtures.text("weights/manifest.json"), JsonObject.class);
        assertEquals(new ArrayList<>(manifest.keySet()), new ArrayList<>(sd.keySet()));
        Map<String, Npy.Array> expected = Fixtures.npz("weights/expected.npz");
        for (Map.Entry<String, JsonElement> e : manifest.entrySet()) {
            TensorData t = sd.get(e.getKey());
            JsonObject m = e.getValue().getAsJsonObject();
            assertEquals(
                    m.get("dtype").getAsString(),
                    t.dtype().torchName().replace("float16", "float16"),
                    e.getKey());
            long[] shape = JsonUtils.GSON.fromJson(m.get("shape"), long[].class);
            assertArrayEquals(shape, t.shape(), e.getKey());
            assertArrayEquals(expected.get(e.getKey()).data(), t.toDoubles(), 0.0, e.getKey());
        }
        Map<?, ?> root = (Map<?, ?>) ckpt.root();
        assertEquals(3L, root.get("epoch"));
        assertEquals("tiny", root.get("arch"));
    }

    @Test
    void picksANestedSubDict() throws IOException {
        TorchCheckpoint ckpt = TorchCheckpoint.read(fixture("tensors_zip.pth"));
        Map<String, TensorData> sub = ckpt.stateDict("state_dict.block");
        assertEquals(List.of("conv.weight"), new ArrayList<>(sub.keySet()));
        WeightFormatException e =
                assertThrows(WeightFormatException.class, () -> ckpt.stateDict("optimizer"));
        assertTrue(e.getMessage().contains("state_dict"), e.getMessage());
    }

    static Stream<Arguments> evil() {
        return Stream.of(
                Arguments.of("evil_os_system.pth", "posix.system"),
                Arguments.of("evil_eval.pth", "builtins.eval"),
                Arguments.of("evil_posix_system.pth", "posix.system"),
                Arguments.of("evil_unknown_module.pth", "evil_module.run"),
                Arguments.of("evil_legacy_os_system.pth", "posix.system"));
    }

    /** Malicious pickles are rejected, naming the global, and nothing runs. */
    @ParameterizedTest
    @MethodSource("evil")
    void maliciousPicklesAreRejectedWithoutSideEffects(String file, String global)
            throws IOException {
        for (String m : List.of("os_system", "eval", "posix")) {
            Files.deleteIfExists(Path.of("/tmp/alphatree_pwned_" + m));
        }
        UnsafePickleException e =
                assertThrows(
                        UnsafePickleException.class, () -> TorchCheckpoint.read(fixture(file)));
        assertEquals(global, e.getGlobal());
        assertTrue(e.getMessage().contains(global), e.getMessage());
        for (String m : List.of("os_system", "eval", "posix")) {
            assertFalse(Files.exists(Path.of("/tmp/alphatree_pwned_" + m)), "side effect: " + m);
        }
    }

    /** Every proper prefix of a valid file raises the reader's exception, nothing else. */
    @ParameterizedTest
    @ValueSource(strings = {"tensors_zip.pth", "tensors_legacy.pth"})
    void everyTruncationIsACleanError(String file) throws IOException {
        byte[] full = Files.readAllBytes(fixture(file));
        Path p = tmp.resolve("cut.pth");
        for (int len = 0; len < full.length; len++) {
            Files.write(p, java.util.Arrays.copyOf(full, len));
            try {
                TorchCheckpoint.read(p);
                fail("prefix of " + len + " bytes was accepted");
            } catch (WeightFormatException expected) {
                // the documented exception
            } catch (Throwable t) {
                fail("prefix of " + len + " bytes: " + t, t);
            }
        }
    }

    /** Seeded random byte mutations only ever raise the reader's exception (or read cleanly). */
    @ParameterizedTest
    @ValueSource(strings = {"tensors_zip.pth", "tensors_legacy.pth"})
    void randomMutationsAreCleanErrors(String file) throws IOException {
        byte[] full = Files.readAllBytes(fixture(file));
        Random r = new Random(20261128);
        Path p = tmp.resolve("fuzz.pth");
        int rejected = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = full.clone();
            int flips = 1 + r.nextInt(8);
            for (int k = 0; k < flips; k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            Files.write(p, b);
            try {
                TorchCheckpoint.read(p).stateDict(null);
            } catch (WeightFormatException expected) {
                rejected++;
            } catch (Throwable t) {
                fail("mutation " + i + ": " + t, t);
            }
        }
        assertTrue(rejected > 0);
    }

    @Test
    void notACheckpoint() throws IOException {
        Path p = tmp.resolve("x.pth");
        Files.writeString(p, "hello");
        assertThrows(WeightFormatException.class, () -> TorchCheckpoint.read(p));
        assertThrows(
                java.nio.file.NoSuchFileException.class,
                () -> TorchCheckpoint.read(tmp.resolve("none.pth")));
    }

    @Test
    void halfPrecisionWidensExactly() {
        assertEquals(1f, TensorData.halfToFloat((short) 0x3c00));
        assertEquals(-2f, TensorData.halfToFloat((short) 0xc000));
        assertEquals(65504f, TensorData.halfToFloat((short) 0x7bff));
        assertEquals((float) Math.pow(2, -24), TensorData.halfToFloat((short) 0x0001));
        assertTrue(Float.isInfinite(TensorData.halfToFloat((short) 0x7c00)));
    }
}

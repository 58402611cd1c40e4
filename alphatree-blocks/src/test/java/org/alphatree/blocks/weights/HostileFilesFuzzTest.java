package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile files of tools/fixtures/hostile.py, made with torch.save, pickle, numpy and zipfile:
 * each loads (shared storages as one copy) or is refused with the manifest's message naming the
 * file, within 20 s and the {@code reader-fuzz} execution's 256 MB heap.
 */
class HostileFilesFuzzTest {

    private static Path dir() {
        try {
            return Path.of(HostileFilesFuzzTest.class.getResource("/fixtures/hostile").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> manifest() throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve("manifest.tsv"));
        assertTrue(lines.size() >= 20, "the manifest lists " + lines.size() + " files");
        return lines.stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\t"))
                .map(p -> Arguments.of(p[0], p[1], p[2]));
    }

    @ParameterizedTest(name = "{0}: {1} (reference {2})")
    @MethodSource("manifest")
    void loadsOrIsRefusedByName(String name, String want, String reference) {
        Path file = dir().resolve(name);
        assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> {
                    if (want.equals("loads")) {
                        Map<String, TensorData> sd = read(file);
                        assertTrue(!sd.isEmpty(), name);
                        if (name.equals("shared_tensor.pt")) {
                            assertEquals(4000, sd.size());
                            assertTrue(sd.get("w0") == sd.get("w3999"), "one shared copy");
                        }
                    } else {
                        String fragment = want.substring("refuses ".length());
                        IOException e = assertThrows(IOException.class, () -> read(file), name);
                        String m = e.getMessage();
                        assertTrue(m.contains(fragment), name + ": " + m);
                        assertTrue(m.contains(name), name + ": the message names the file: " + m);
                    }
                });
    }

    private static Map<String, TensorData> read(Path file) throws IOException {
        if (file.toString().endsWith(".npy")) {
            try (var in = Files.newInputStream(file)) {
                Npy.read(in, 1 << 20);
                return Map.of("array", new TensorData(DType.FLOAT32, new long[] {0}, new byte[0]));
            } catch (IOException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return Weights.read(file, null);
    }
}

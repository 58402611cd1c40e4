package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.alphatree.blocks.testing.Fuzz;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every prefix and 400 seeded mutations of a valid file of each format read cleanly or raise the
 * library's own {@link IOException}s, never anything else: runs in its own surefire execution with
 * {@code -Xmx256m}, so an allocation driven by a lying header shows up as a failure.
 */
class ReaderFuzzTest {

    @TempDir Path tmp;

    private Path seed(String format) throws IOException, URISyntaxException {
        Path p = tmp.resolve("seed." + format);
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("a", new TensorData(DType.FLOAT32, new long[] {2, 3}, new byte[24]));
        t.put("b", new TensorData(DType.INT64, new long[] {4}, new byte[32]));
        switch (format) {
            case "safetensors" -> SafeTensors.write(p, t);
            case "npy" -> {
                try (OutputStream out = Files.newOutputStream(p)) {
                    Npy.writeFloat32(out, new long[] {3, 4}, new float[12]);
                }
            }
            case "npz" -> {
                try (OutputStream f = Files.newOutputStream(p);
                        ZipOutputStream z = new ZipOutputStream(f)) {
                    for (String n : new String[] {"a", "b"}) {
                        ByteArrayOutputStream b = new ByteArrayOutputStream();
                        Npy.writeFloat32(b, new long[] {5}, new float[5]);
                        z.putNextEntry(new ZipEntry(n + ".npy"));
                        z.write(b.toByteArray());
                        z.closeEntry();
                    }
                }
            }
            default -> {
                Path src =
                        Path.of(
                                getClass()
                                        .getResource("/fixtures/weights/tensors_" + format + ".pth")
                                        .toURI());
                p = tmp.resolve("seed_" + format + ".pth");
                Files.copy(src, p);
            }
        }
        return p;
    }

    private static void read(Path p) throws IOException {
        if (p.toString().endsWith(".npy")) {
            try (var in = Files.newInputStream(p)) {
                Npy.read(in, Files.size(p) * 8 + 1024);
            }
        } else {
            Weights.read(p, null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"safetensors", "npy", "npz", "zip", "legacy"})
    void prefixesAndMutationsRaiseOnlyTheLibrarysExceptions(String format) throws Exception {
        Path seed = seed(format);
        byte[] full = Files.readAllBytes(seed);
        read(seed); // the seed itself is valid
        String name = seed.getFileName().toString();
        int rejected =
                Fuzz.run(
                        full,
                        tmp.resolve("fuzz-" + name),
                        20261202,
                        400,
                        8,
                        null,
                        ReaderFuzzTest::read,
                        null);
        assertTrue(rejected > full.length / 2, format + ": only " + rejected + " inputs rejected");
    }
}

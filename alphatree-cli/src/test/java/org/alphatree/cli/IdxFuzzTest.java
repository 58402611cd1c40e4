package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.alphatree.blocks.testing.Fuzz;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every prefix and 400 seeded mutations of an IDX image file, raw and gzipped, load or raise an
 * {@link IOException}, never anything else, within the {@code reader-fuzz} execution's 256 MB heap.
 */
class IdxFuzzTest {

    @TempDir Path tmp;

    private static byte[] seed(boolean gz) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + 3 * 7 * 6);
        b.putInt(0x803).putInt(3).putInt(7).putInt(6);
        for (int i = 0; i < 3 * 7 * 6; i++) {
            b.put((byte) (i * 37));
        }
        if (!gz) {
            return b.array();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b.array());
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void prefixesAndMutationsRaiseOnlyIoExceptions(boolean gz) throws Exception {
        byte[] full = seed(gz);
        Path p = tmp.resolve(gz ? "images.idx.gz" : "images.idx");
        Files.write(p, full);
        assertEquals(3, ImageData.load(p, 8, 100, 1).count());
        int rejected =
                Fuzz.run(
                        full,
                        p,
                        gz ? 803 : 2051,
                        400,
                        6,
                        null,
                        f -> ImageData.load(f, 8, 100, 1),
                        null);
        assertTrue(rejected > full.length / 2, "only " + rejected + " inputs rejected");
    }
}

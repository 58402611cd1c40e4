package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
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
        int rejected = 0;
        for (int len = 0; len < full.length; len++) {
            Files.write(p, Arrays.copyOf(full, len));
            rejected += attempt(p, "prefix of " + len + " bytes");
        }
        Random r = new Random(gz ? 803 : 2051);
        for (int i = 0; i < 400; i++) {
            byte[] b = full.clone();
            int flips = 1 + r.nextInt(6);
            for (int k = 0; k < flips; k++) {
                int at = r.nextInt(b.length);
                b[at] =
                        r.nextBoolean()
                                ? (byte) r.nextInt(256)
                                : (byte) (r.nextBoolean() ? 0xff : 0x7f);
            }
            Files.write(p, b);
            rejected += attempt(p, "mutation " + i);
        }
        assertTrue(rejected > full.length / 2, "only " + rejected + " inputs rejected");
    }

    private static int attempt(Path p, String what) {
        try {
            ImageData.load(p, 8, 100, 1);
            return 0;
        } catch (IOException expected) {
            return 1;
        } catch (Throwable t) {
            fail(what + " of " + p.getFileName() + ": " + t, t);
            return 0;
        }
    }
}

package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every prefix and 400 seeded mutations of PNG and JPEG fixtures (tools/fixtures/images.py) decode
 * or raise an {@link IOException} naming the file, never anything else; runs in the {@code
 * reader-fuzz} surefire execution with {@code -Xmx256m}, so a lying header that drives an
 * allocation fails the test.
 */
class ImageFuzzTest {

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "png_rgb8_adam7_11x13.png",
                "png_palette4.png",
                "png_rgba16.png",
                "png_grey2.png",
                "jpeg_420.jpg",
                "jpeg_progressive.jpg",
                "jpeg_cmyk_adobe.jpg",
                "jpeg_restart.jpg"
            })
    void prefixesAndMutationsRaiseOnlyNamedIoExceptions(String seed) throws Exception {
        Path src = Path.of(getClass().getResource("/fixtures/pil/" + seed).toURI());
        byte[] full = Files.readAllBytes(src);
        ImageFolder.read(src); // the seed itself is valid
        Path p = tmp.resolve("fuzz-" + seed);
        int rejected = 0;
        for (int len = 0; len < full.length; len++) {
            Files.write(p, Arrays.copyOf(full, len));
            rejected += attempt(p, "prefix of " + len + " bytes");
        }
        Random r = new Random(20261203L + seed.hashCode());
        for (int i = 0; i < 400; i++) {
            byte[] b = full.clone();
            int flips = 1 + r.nextInt(8);
            for (int k = 0; k < flips; k++) {
                int at = r.nextInt(b.length);
                b[at] =
                        r.nextBoolean()
                                ? (byte) r.nextInt(256)
                                : (byte) (r.nextBoolean() ? 0xff : 0x7f);
            }
            if (seed.endsWith(".png") && i % 2 == 0) {
                fixCrcs(b); // half the PNG mutations get past the CRCs into the decoder proper
            }
            Files.write(p, b);
            rejected += attempt(p, "mutation " + i);
        }
        assertTrue(rejected > full.length / 2, seed + ": only " + rejected + " inputs rejected");
    }

    /** Rewrites every chunk's CRC that the (mutated) chunk lengths still let us find. */
    private static void fixCrcs(byte[] b) {
        int at = 8;
        while (at + 12 <= b.length) {
            long len = java.nio.ByteBuffer.wrap(b, at, 4).getInt() & 0xffffffffL;
            if (at + 12 + len > b.length) {
                return;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b, at + 4, 4 + (int) len);
            java.nio.ByteBuffer.wrap(b, at + 8 + (int) len, 4).putInt((int) crc.getValue());
            at += 12 + (int) len;
        }
    }

    private static int attempt(Path p, String what) {
        try {
            ImageFolder.read(p);
            return 0;
        } catch (IOException expected) {
            assertTrue(
                    expected.getMessage() != null
                            && expected.getMessage().contains(p.getFileName().toString()),
                    what + ": " + expected);
            return 1;
        } catch (Throwable t) {
            fail(what + " of " + p.getFileName() + ": " + t, t);
            return 0;
        }
    }
}

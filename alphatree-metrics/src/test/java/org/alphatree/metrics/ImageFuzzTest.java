package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatree.blocks.testing.Fuzz;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every prefix and 400 seeded mutations of PNG and JPEG fixtures (tools/fixtures/images.py) decode
 * or raise an {@link java.io.IOException} naming the file, never anything else; runs in the {@code
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
        String name = p.getFileName().toString();
        int rejected =
                Fuzz.run(
                        full,
                        p,
                        20261203L + seed.hashCode(),
                        400,
                        8,
                        seed.endsWith(".png") ? ImageFuzzTest::fixCrcs : null,
                        ImageFolder::read,
                        e ->
                                assertTrue(
                                        e.getMessage() != null && e.getMessage().contains(name),
                                        "the refusal names the file: " + e));
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
}

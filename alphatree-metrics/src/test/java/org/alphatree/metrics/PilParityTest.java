package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture image decodes to exactly Pillow's {@code Image.open(f).convert("RGB")}, and every
 * file Pillow refuses is refused with a message naming it (tools/fixtures/images.py).
 */
class PilParityTest {

    /**
     * Files Pillow reads and AlphaTree refuses on purpose: an IDAT whose CRC fails (Pillow does not
     * check it), a PNG without IEND, and one whose data stops after 5 of its 11 rows (Pillow fills
     * the rest with black).
     */
    private static final Set<String> STRICTER =
            Set.of(
                    "broken_png_idat_crc.png",
                    "broken_png_no_iend.png",
                    "broken_png_short_data.png");

    private static Map<String, Npy.Array> expected;

    private static Path dir() {
        try {
            return Path.of(PilParityTest.class.getResource("/fixtures/pil").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> manifest() throws IOException {
        List<String> lines = Files.readAllLines(dir().resolve("manifest.tsv"));
        assertTrue(lines.size() > 60, "the manifest lists " + lines.size() + " files");
        return lines.stream()
                .filter(l -> !l.isBlank())
                .map(l -> l.split("\t", 2))
                .map(p -> Arguments.of(p[0], p[1]));
    }

    private static synchronized Map<String, Npy.Array> expected() throws IOException {
        if (expected == null) {
            expected = Npy.readNpz(dir().resolve("expected.npz"), 1 << 24);
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("manifest")
    void decodesLikePillow(String name, String pillow) throws IOException {
        Path file = dir().resolve(name);
        if (pillow.equals("ok") && !STRICTER.contains(name)) {
            Npy.Array want = expected().get(name);
            assertTrue(want != null, "no expected pixels for " + name);
            ImageFolder.Pixels got = ImageFolder.read(file);
            int h = (int) want.shape()[0];
            int w = (int) want.shape()[1];
            assertEquals(h, got.height(), name);
            assertEquals(w, got.width(), name);
            int plane = h * w;
            int wrong = 0;
            String first = null;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        double pil = want.data()[(y * w + x) * 3 + c];
                        float ours = got.chw()[c * plane + y * w + x];
                        if (pil != ours) {
                            wrong++;
                            if (first == null) {
                                first = "(" + y + "," + x + "," + c + "): " + ours + " vs " + pil;
                            }
                        }
                    }
                }
            }
            if (wrong > 0) {
                fail(name + ": " + wrong + " of " + 3 * plane + " values differ, first " + first);
            }
        } else {
            IOException e = assertThrows(IOException.class, () -> ImageFolder.read(file), name);
            assertTrue(e.getMessage().contains(name), e.getMessage());
            if (name.contains("truncated") || name.contains("no_eoi")) {
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            }
        }
    }
}

package org.alphatree.blocks.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed docs gallery is what the code generates now: regenerate and compare. */
class GalleryTest {

    @TempDir Path tmp;

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void committedGalleryIsNotStale() throws IOException {
        Path committed = Path.of("../docs/gallery");
        assertTrue(
                Files.isDirectory(committed), "docs/gallery is missing: run ./alphatree gallery");
        Gallery.generate(tmp, null);
        assertEquals(names(tmp), names(committed), "gallery files differ: run ./alphatree gallery");
        List<String> stale = new ArrayList<>();
        for (String n : names(tmp)) {
            if (!Files.readString(tmp.resolve(n)).equals(Files.readString(committed.resolve(n)))) {
                stale.add(n);
            }
        }
        assertTrue(
                stale.isEmpty(),
                "stale gallery files "
                        + stale
                        + ": run ./alphatree gallery and commit docs/gallery");
    }
}

package org.alphatree.cli.gallery;

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

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void committedGalleryIsNotStale() throws IOException {
        Path committed = Path.of("../docs/gallery");
        assertTrue(
                Files.isDirectory(committed), "docs/gallery is missing: run ./alphatree gallery");
        // generate next to a copy of the committed benchmark results, as the gallery reads them
        Path docs = Files.createDirectories(tmp.resolve("docs"));
        Path bench = Path.of("../docs/benchmarks");
        if (Files.isDirectory(bench)) {
            Files.createDirectories(docs.resolve("benchmarks"));
            try (Stream<Path> s = Files.list(bench)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.copy(p, docs.resolve("benchmarks").resolve(p.getFileName()));
                }
            }
        }
        Path gen = docs.resolve("gallery");
        Gallery.generate(gen, null);
        assertEquals(files(gen), files(committed), "gallery files differ: run ./alphatree gallery");
        List<String> stale = new ArrayList<>();
        for (String n : files(gen)) {
            if (!Files.readString(gen.resolve(n)).equals(Files.readString(committed.resolve(n)))) {
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

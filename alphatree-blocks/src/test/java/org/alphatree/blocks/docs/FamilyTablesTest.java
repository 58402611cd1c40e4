package org.alphatree.blocks.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.junit.jupiter.api.Test;

/**
 * The family pages' model tables are checked against the registry, like the gallery: every
 * registered network has a row, and its reference counts are the registry's.
 */
class FamilyTablesTest {

    private static final Map<Family, String> PAGES =
            Map.of(
                    Family.RESNET, "residual.md",
                    Family.INCEPTION, "inception.md",
                    Family.DENSENET, "dense.md",
                    Family.DPN, "dense.md",
                    Family.CLASSIC, "classic.md",
                    Family.MOBILE, "mobile.md",
                    Family.NAS, "nas.md");

    /** {@code | name | reference | 25,557,032 ... | 4.089 | ...}. */
    private static final Pattern ROW =
            Pattern.compile(
                    "^\\| ([a-z0-9_]+) \\| [^|]+ \\| ([0-9,]+)[^|]* \\| ([0-9.]+) \\|",
                    Pattern.MULTILINE);

    @Test
    void tablesEqualTheRegistry() throws IOException {
        Path docs = Path.of("..").toAbsolutePath().normalize().resolve("docs");
        Map<String, String[]> rows = new TreeMap<>();
        for (String page : new TreeSet<>(PAGES.values())) {
            Matcher m = ROW.matcher(Files.readString(docs.resolve(page)));
            while (m.find()) {
                rows.put(m.group(1), new String[] {page, m.group(2), m.group(3)});
            }
        }
        for (ModelInfo info : ModelRegistry.all()) {
            String page = PAGES.get(info.family());
            if (page == null) {
                continue;
            }
            String[] row = rows.get(info.name());
            assertTrue(row != null, "docs/" + page + " has no table row for " + info.name());
            assertEquals(page, row[0], info.name());
            assertEquals(
                    String.format(Locale.ROOT, "%,d", info.trainableParameters()),
                    row[1],
                    "docs/" + page + ": " + info.name() + " parameters");
            assertEquals(
                    String.format(Locale.ROOT, "%.3f", info.gmacs()),
                    row[2],
                    "docs/" + page + ": " + info.name() + " GMACs");
        }
    }
}

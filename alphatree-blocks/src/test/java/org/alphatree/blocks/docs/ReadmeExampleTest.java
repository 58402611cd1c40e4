package org.alphatree.blocks.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "compose a custom network" example is the code the consumer project compiles. */
class ReadmeExampleTest {

    private static List<String> between(List<String> lines, String start, String end) {
        int s = -1;
        int e = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(start)) {
                s = i;
            } else if (lines.get(i).contains(end)) {
                e = i;
            }
        }
        assertTrue(s >= 0 && e > s, "markers " + start + " / " + end + " not found");
        return lines.subList(s + 1, e).stream()
                .filter(l -> !l.startsWith("```"))
                .map(String::strip)
                .collect(Collectors.toList());
    }

    @Test
    void readmeExampleEqualsConsumerCode() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> readme = Files.readAllLines(root.resolve("README.md"));
        List<String> consumer =
                Files.readAllLines(
                        root.resolve(
                                "examples/consumer/src/main/java/com/example/CustomNetwork.java"));
        List<String> a = between(readme, "<!-- example:start -->", "<!-- example:end -->");
        List<String> b = between(consumer, "README example: start", "README example: end");
        assertTrue(a.size() >= 10 && a.size() <= 20, "the example should be about 15 lines");
        assertEquals(b, a);
    }
}

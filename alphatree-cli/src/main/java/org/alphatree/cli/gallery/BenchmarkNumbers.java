package org.alphatree.cli.gallery;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the committed JMH results ({@code docs/benchmarks/results-*.json}) for the gallery. */
final class BenchmarkNumbers {
    private BenchmarkNumbers() {}

    /**
     * Short benchmark lines keyed {@code block:<name>} and {@code model:<name>}.
     *
     * @param dir the folder of JMH JSON files (may be missing)
     * @return the lines
     */
    static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.getFileName().toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                JsonArray arr = JsonUtils.GSON.fromJson(Files.readString(f), JsonArray.class);
                if (arr == null) {
                    continue;
                }
                for (JsonElement e : arr) {
                    JsonObject o = e.getAsJsonObject();
                    String bench = o.get("benchmark").getAsString();
                    JsonObject params =
                            o.has("params") ? o.getAsJsonObject("params") : new JsonObject();
                    JsonObject pm = o.getAsJsonObject("primaryMetric");
                    String score =
                            String.format(
                                    Locale.ROOT,
                                    "%.3f %s",
                                    pm.get("score").getAsDouble(),
                                    pm.get("scoreUnit").getAsString());
                    boolean tuned =
                            !params.has("tuning")
                                    || params.get("tuning").getAsString().equals("true");
                    if (bench.endsWith("BlockBenchmark.forward") && tuned) {
                        out.put(
                                "block:" + params.get("block").getAsString(),
                                "inference forward, batch "
                                        + params.get("batch").getAsString()
                                        + ", CPU: "
                                        + score);
                    } else if (bench.endsWith("NetworkBenchmark.forward") && tuned) {
                        String key = "model:" + params.get("model").getAsString();
                        String line = "batch " + params.get("batch").getAsString() + ": " + score;
                        out.merge(
                                key, "inference forward, CPU, " + line, (a, b) -> a + "; " + line);
                    }
                }
            }
        }
        return out;
    }
}

package org.alphatree.blocks.hub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Label sets shipped as resources ({@code imagenet-1k.txt}: one name per line, class order). */
final class Categories {
    private static final Map<String, List<String>> CACHE = new ConcurrentHashMap<>();

    private Categories() {}

    static List<String> get(String set) {
        return CACHE.computeIfAbsent(set, Categories::read);
    }

    private static List<String> read(String set) {
        try (InputStream in = Categories.class.getResourceAsStream(set + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("unknown label set '" + set + "'");
            }
            List<String> out = new ArrayList<>();
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the label set " + set, e);
        }
    }
}

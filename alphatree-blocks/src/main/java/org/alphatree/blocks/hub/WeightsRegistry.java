package org.alphatree.blocks.hub;

import ai.djl.util.JsonUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.alphatree.blocks.registry.Preprocessing;

/**
 * The published weights of the registered networks: torchvision's weights enums, timm's ImageNet-1k
 * tags and pytorch-fid's Inception, written by {@code tools/registry/weights.py} from the
 * references' own metadata into {@code weights.json}. Users can {@link #register} their own.
 */
public final class WeightsRegistry {

    private static final List<PretrainedWeights> WEIGHTS = new CopyOnWriteArrayList<>(read());

    private WeightsRegistry() {}

    /**
     * Returns every registered set of weights.
     *
     * @return the weights, in registration order
     */
    public static List<PretrainedWeights> all() {
        return List.copyOf(WEIGHTS);
    }

    /**
     * Returns the weights published for a network.
     *
     * @param model the registry name
     * @return its weights (empty when none are published)
     */
    public static List<PretrainedWeights> of(String model) {
        return WEIGHTS.stream().filter(w -> w.model().equals(model)).collect(Collectors.toList());
    }

    /**
     * Returns a network's weights by name.
     *
     * @param model the registry name
     * @param name the weights' name ({@code IMAGENET1K_V2}), or null for the default
     * @return the weights
     * @throws IllegalArgumentException naming the weights that exist when there are none of that
     *     name (or none at all for the network)
     */
    public static PretrainedWeights get(String model, String name) {
        List<PretrainedWeights> list = of(model);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(
                    "no pretrained weights are registered for '"
                            + model
                            + "'. Networks with weights: "
                            + WEIGHTS.stream()
                                    .map(PretrainedWeights::model)
                                    .distinct()
                                    .collect(Collectors.joining(", ")));
        }
        for (PretrainedWeights w : list) {
            if (name == null ? w.isDefault() : w.name().equalsIgnoreCase(name)) {
                return w;
            }
        }
        if (name == null) {
            return list.get(0);
        }
        throw new IllegalArgumentException(
                "'"
                        + model
                        + "' has no weights named '"
                        + name
                        + "'. Available: "
                        + list.stream()
                                .map(PretrainedWeights::name)
                                .collect(Collectors.joining(", ")));
    }

    /**
     * Adds weights (a user's fine-tuned checkpoint on an internal server, say), so that {@code
     * AlphaTree.pretrained}, the zoo and {@code alphatree predict} find them by name.
     *
     * @param weights the weights
     * @throws IllegalArgumentException if weights of that model and name exist
     */
    public static void register(PretrainedWeights weights) {
        synchronized (WEIGHTS) {
            for (PretrainedWeights w : WEIGHTS) {
                if (w.model().equals(weights.model())
                        && w.name().equalsIgnoreCase(weights.name())) {
                    throw new IllegalArgumentException(weights.id() + " is already registered");
                }
            }
            WEIGHTS.add(weights);
        }
    }

    /**
     * Removes weights added with {@link #register} (or shipped ones).
     *
     * @param model the registry name
     * @param name the weights' name
     * @return whether anything was removed
     */
    public static boolean unregister(String model, String name) {
        return WEIGHTS.removeIf(w -> w.model().equals(model) && w.name().equalsIgnoreCase(name));
    }

    private static List<PretrainedWeights> read() {
        try (InputStream in = WeightsRegistry.class.getResourceAsStream("weights.json");
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            File file = JsonUtils.GSON.fromJson(r, File.class);
            List<PretrainedWeights> out = new ArrayList<>();
            for (Entry e : file.weights) {
                out.add(e.toWeights());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the shipped weights.json", e);
        }
    }

    /** The JSON file's shape (Gson fills these fields). */
    private static final class File {
        List<Entry> weights = List.of();
        Map<String, String> leftOut;
    }

    private static final class Entry {
        String model;
        String name;
        boolean isDefault;
        String url;
        String file;
        String sha256;
        Transforms transforms;
        String categories;
        int numClasses;
        Double top1;
        Double top5;
        Double sizeMB;
        String license;
        String recipe;
        String source;
        String variant;
        List<List<String>> rename;

        PretrainedWeights toWeights() {
            List<PretrainedWeights.Rename> renames = new ArrayList<>();
            if (rename != null) {
                for (List<String> r : rename) {
                    renames.add(new PretrainedWeights.Rename(Pattern.compile(r.get(0)), r.get(1)));
                }
            }
            return new PretrainedWeights(
                    model,
                    name,
                    isDefault,
                    url,
                    file,
                    sha256,
                    new Preprocessing(
                            transforms.mean,
                            transforms.std,
                            transforms.resize,
                            transforms.crop,
                            transforms.interpolation),
                    categories,
                    numClasses,
                    top1 == null ? Double.NaN : top1,
                    top5 == null ? Double.NaN : top5,
                    sizeMB == null ? Double.NaN : sizeMB,
                    license,
                    recipe,
                    source,
                    variant,
                    renames);
        }
    }

    private static final class Transforms {
        int resize;
        int crop;
        String interpolation;
        float[] mean;
        float[] std;
    }
}

package org.alphatree.blocks.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The named networks AlphaTree provides, keyed by the reference builder's name. Families register
 * themselves through {@link ModelProvider} services; the registry imports none of them.
 */
public final class ModelRegistry {

    private static final Map<String, ModelInfo> MODELS = new LinkedHashMap<>();

    static {
        for (ModelProvider p :
                ServiceLoader.load(ModelProvider.class, ModelRegistry.class.getClassLoader())) {
            for (ModelInfo m : p.models()) {
                register(m);
            }
        }
    }

    private ModelRegistry() {}

    private static void register(ModelInfo info) {
        if (MODELS.putIfAbsent(info.name(), info) != null) {
            throw new IllegalStateException("duplicate model name " + info.name());
        }
    }

    /**
     * Returns every registered network, in registration order (by family).
     *
     * @return the models
     */
    public static List<ModelInfo> all() {
        return Collections.unmodifiableList(new ArrayList<>(MODELS.values()));
    }

    /**
     * Finds a network by name.
     *
     * @param name the registry name
     * @return the model, if registered
     */
    public static Optional<ModelInfo> find(String name) {
        return Optional.ofNullable(MODELS.get(name));
    }

    /**
     * Returns a network by name.
     *
     * @param name the registry name
     * @return the model
     * @throws IllegalArgumentException naming the known models if there is none of that name
     */
    public static ModelInfo get(String name) {
        ModelInfo m = MODELS.get(name);
        if (m == null) {
            throw new IllegalArgumentException(
                    "Unknown model '"
                            + name
                            + "'. Known models: "
                            + String.join(", ", MODELS.keySet()));
        }
        return m;
    }
}

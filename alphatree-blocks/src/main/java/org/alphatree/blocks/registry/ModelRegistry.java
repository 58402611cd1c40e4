package org.alphatree.blocks.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alphatree.blocks.dense.DenseNets;
import org.alphatree.blocks.dualpath.DPNs;
import org.alphatree.blocks.inception.Inceptions;
import org.alphatree.blocks.residual.ResNets;

/** The named networks AlphaTree provides, keyed by the reference builder's name. */
public final class ModelRegistry {

    private static final Map<String, ModelInfo> MODELS = new LinkedHashMap<>();

    static {
        for (ModelInfo m : ResNets.all()) {
            register(m);
        }
        for (ModelInfo m : Inceptions.all()) {
            register(m);
        }
        for (ModelInfo m : DenseNets.all()) {
            register(m);
        }
        for (ModelInfo m : DPNs.all()) {
            register(m);
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

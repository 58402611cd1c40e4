package org.alphatree.blocks.registry;

import java.util.List;

/**
 * A family's registry entries, found by {@link java.util.ServiceLoader}: each family lists its
 * provider in {@code META-INF/services/org.alphatree.blocks.registry.ModelProvider}, so that the
 * registry imports no family (and a user's own family registers the same way).
 */
public interface ModelProvider {

    /**
     * Returns the family's entries, in the order {@code alphatree models} lists them.
     *
     * @return the entries
     */
    List<ModelInfo> models();
}

package org.alphatree.cli;

import java.util.stream.Collectors;
import org.alphatree.blocks.gan.GanModels;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;

/** Looks up a network for the commands that also accept GAN networks (summary, diagram). */
final class CliModels {
    private CliModels() {}

    /**
     * The classifier registry's entry.
     *
     * @param name the name
     * @return the entry
     * @throws IllegalArgumentException listing the classifiers and the GAN networks, if unknown
     */
    static ModelInfo classifier(String name) {
        return ModelRegistry.find(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "Unknown model '"
                                                + name
                                                + "'. Known models: "
                                                + ModelRegistry.all().stream()
                                                        .map(ModelInfo::name)
                                                        .collect(Collectors.joining(", "))
                                                + ". GAN networks: "
                                                + GanModels.names()));
    }
}

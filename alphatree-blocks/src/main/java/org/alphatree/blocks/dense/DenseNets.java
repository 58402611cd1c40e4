package org.alphatree.blocks.dense;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alphatree.blocks.registry.ModelInfo;

/** The DenseNet registry entries (torchvision). */
public final class DenseNets {
    private DenseNets() {}

    private static final String PAPER =
            "Huang, Liu, van der Maaten & Weinberger, \"Densely Connected Convolutional Networks\", CVPR 2017";

    /**
     * Returns the entries.
     *
     * @return the entries
     */
    public static List<ModelInfo> all() {
        return List.of(
                entry("densenet121", 7_978_856L, 2.834, 32, 64, 6, 12, 24, 16),
                entry("densenet161", 28_681_000L, 7.728, 48, 96, 6, 12, 36, 24),
                entry("densenet169", 14_149_480L, 3.360, 32, 64, 6, 12, 32, 32),
                entry("densenet201", 20_013_928L, 4.291, 32, 64, 6, 12, 48, 32));
    }

    private static ModelInfo entry(
            String name, long params, double gmacs, int k, int init, int... config) {
        return new ModelInfo(
                name,
                "DenseNet",
                "torchvision.models." + name,
                params,
                gmacs,
                new Shape(1, 3, 224, 224),
                29,
                PAPER,
                n -> new DenseNet(k, config, init, 4, 0.5, 0f, n));
    }
}

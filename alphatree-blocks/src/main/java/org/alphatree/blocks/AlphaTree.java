package org.alphatree.blocks;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;

/** Entry point: build registered networks by name and summarize blocks. */
public final class AlphaTree {
    private AlphaTree() {}

    /**
     * Builds a registered network with 1000 classes, e.g. {@code AlphaTree.model("resnet50")}.
     *
     * @param name the registry name (torchvision's builder name, or timm's)
     * @return a new, uninitialized block
     * @throws IllegalArgumentException listing the known names if unknown
     */
    public static Block model(String name) {
        return ModelRegistry.get(name).build();
    }

    /**
     * Builds a registered network.
     *
     * @param name the registry name
     * @param numClasses the number of classes
     * @return a new, uninitialized block
     */
    public static Block model(String name, int numClasses) {
        return ModelRegistry.get(name).build(numClasses);
    }

    /**
     * Returns the metadata of a registered network.
     *
     * @param name the registry name
     * @return the metadata
     */
    public static ModelInfo info(String name) {
        return ModelRegistry.get(name);
    }

    /**
     * Lists the registered networks.
     *
     * @return the registry entries
     */
    public static List<ModelInfo> models() {
        return ModelRegistry.all();
    }

    /**
     * Summarizes a block (initializing it with {@code manager} if needed).
     *
     * @param manager the manager owning the parameters
     * @param block the block
     * @param inputShape the input shape
     * @return the summary
     */
    public static BlockSummary summary(NDManager manager, Block block, Shape inputShape) {
        return BlockSummary.of(manager, block.getClass().getSimpleName(), block, inputShape);
    }
}

package org.alphatree.blocks;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.List;
import org.alphatree.blocks.hub.HubCache;
import org.alphatree.blocks.hub.Pretrained;
import org.alphatree.blocks.hub.WeightsRegistry;
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
     * Returns a registered network with its default published weights, loaded strictly (the file is
     * fetched into {@code $ALPHATREE_HOME/hub/checkpoints} once and verified every time), e.g.
     * {@code AlphaTree.pretrained("resnet50")}: torchvision's {@code IMAGENET1K_V2}.
     *
     * @param name the registry name
     * @return a DJL model holding the network; close it to free the weights
     * @throws IOException if the weights cannot be fetched, verified or loaded
     * @throws IllegalArgumentException naming the networks with weights if there are none
     */
    public static Model pretrained(String name) throws IOException {
        return pretrained(name, null);
    }

    /**
     * Returns a registered network with the named published weights, e.g. {@code
     * AlphaTree.pretrained("resnet50", "IMAGENET1K_V1")}.
     *
     * @param name the registry name
     * @param weights the weights' name ({@link WeightsRegistry#of(String)}), null for the default
     * @return a DJL model holding the network; close it to free the weights
     * @throws IOException if the weights cannot be fetched, verified or loaded
     * @throws IllegalArgumentException naming the available weights if there are none of that name
     */
    public static Model pretrained(String name, String weights) throws IOException {
        ModelRegistry.get(name);
        return Pretrained.model(WeightsRegistry.get(name, weights), HubCache.defaultCache(), null);
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

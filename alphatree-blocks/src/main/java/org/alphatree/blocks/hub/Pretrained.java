package org.alphatree.blocks.hub;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.WeightLoadException;
import org.alphatree.blocks.weights.Weights;

/**
 * Registered networks with their published weights, as torchvision's {@code
 * resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)}: the file comes from the {@link HubCache}
 * (downloaded once, verified every time), and loads strictly, by name.
 */
public final class Pretrained {
    private Pretrained() {}

    /**
     * Builds a network, initializes it in {@code manager} at its default input shape and loads the
     * weights strictly.
     *
     * @param manager owns the parameters
     * @param weights the weights (the network is {@code weights.model()})
     * @param cache where the file is cached
     * @param progress reports a download, or null
     * @return the network in eval-ready state
     * @throws IOException if the file cannot be fetched or read, or does not match the network (the
     *     message names the file and every key that differs)
     */
    public static Block load(
            NDManager manager, PretrainedWeights weights, HubCache cache, Progress progress)
            throws IOException {
        ModelInfo info = ModelRegistry.get(weights.model());
        Path file = cache.fetch(weights, progress);
        Block block = info.build(weights.variant(), weights.numClasses());
        block.initialize(
                manager,
                DataType.FLOAT32,
                info.defaultInputShape().slice(0, 2).addAll(size(weights, info)));
        load(block, weights, file);
        return block;
    }

    private static ai.djl.ndarray.types.Shape size(PretrainedWeights w, ModelInfo info) {
        long side =
                w.preprocessing().crop() > 0
                        ? w.preprocessing().crop()
                        : w.preprocessing().resize();
        side = Math.max(side, info.minInputSize());
        return new ai.djl.ndarray.types.Shape(side, side);
    }

    /**
     * Loads a weights file into an initialized network strictly, applying the weights' key
     * rewrites.
     *
     * @param block the initialized network
     * @param weights the weights' description
     * @param file the file
     * @throws IOException if the file cannot be read or does not match the network
     */
    public static void load(Block block, PretrainedWeights weights, Path file) throws IOException {
        Map<String, TensorData> sd = weights.rename(Weights.read(file, null));
        try {
            Weights.load(block, sd, true, null);
        } catch (WeightLoadException e) {
            throw new IOException(
                    file
                            + " ("
                            + weights.id()
                            + ") does not fit "
                            + weights.model()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Returns a DJL {@link Model} named {@code model.weights} holding the network with its weights;
     * closing the model frees them.
     *
     * @param weights the weights
     * @param cache where the file is cached
     * @param progress reports a download, or null
     * @return the model
     * @throws IOException as {@link #load(NDManager, PretrainedWeights, HubCache, Progress)}
     */
    public static Model model(PretrainedWeights weights, HubCache cache, Progress progress)
            throws IOException {
        Model model = Model.newInstance(weights.id());
        try {
            model.setBlock(load(model.getNDManager(), weights, cache, progress));
            model.setProperty("weights", weights.id());
            model.setProperty("sha256", weights.sha256());
            return model;
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}

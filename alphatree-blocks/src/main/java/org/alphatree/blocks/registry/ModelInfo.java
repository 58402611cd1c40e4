package org.alphatree.blocks.registry;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.function.IntFunction;

/**
 * A registered network and its metadata, as torchvision keeps it beside each builder. Tests and
 * docs read these same numbers, so they cannot disagree.
 *
 * @param name registry name, equal to the reference builder's name ({@code resnet50})
 * @param family the guide's family ({@code ResNet})
 * @param reference the reference implementation ({@code torchvision.models.resnet50})
 * @param trainableParameters the reference's trainable parameter count at 1000 classes
 * @param gmacs multiply-accumulates at the default input size, in billions
 * @param defaultInputShape the default NCHW input shape (batch 1)
 * @param minInputSize the smallest spatial size the network accepts
 * @param paper the paper citation
 * @param factory builds the network for a number of classes
 */
public record ModelInfo(
        String name,
        String family,
        String reference,
        long trainableParameters,
        double gmacs,
        Shape defaultInputShape,
        int minInputSize,
        String paper,
        IntFunction<Block> factory) {

    /**
     * Builds the network with 1000 classes.
     *
     * @return a new, uninitialized network
     */
    public Block build() {
        return factory.apply(1000);
    }

    /**
     * Builds the network.
     *
     * @param numClasses the number of classes
     * @return a new, uninitialized network
     */
    public Block build(int numClasses) {
        return factory.apply(numClasses);
    }
}

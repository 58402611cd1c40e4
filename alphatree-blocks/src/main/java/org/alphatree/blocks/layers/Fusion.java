package org.alphatree.blocks.layers;

import ai.djl.nn.Block;
import ai.djl.util.Pair;

/**
 * Conv+BN folding for inference over a whole network: every {@link ConvNormAct} whose norm is a
 * {@link BatchNorm2d} runs as one convolution with a bias ({@link ConvNormAct#fuse()}). Equal to
 * the unfused eval outputs to rounding; in place and one way (the folded network refuses to train).
 * Units of other shapes (the sequences torchvision names {@code 0/1/2}, pre-activation units,
 * ResNet's {@code conv1/bn1} pairs) are left as they are.
 */
public final class Fusion {
    private Fusion() {}

    /**
     * Folds every foldable unit of an initialized network.
     *
     * @param network the network
     * @return how many units were folded
     * @throws IllegalStateException if the network is not initialized
     */
    public static int fuse(Block network) {
        if (!network.isInitialized()) {
            throw new IllegalStateException("initialize the network before fusing it");
        }
        return walk(network);
    }

    private static int walk(Block b) {
        int n = 0;
        if (b instanceof ConvNormAct u && u.fuse()) {
            n++;
        }
        for (Pair<String, Block> child : b.getChildren()) {
            n += walk(child.getValue());
        }
        return n;
    }
}

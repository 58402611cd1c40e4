package org.alphatree.blocks.classic;

import org.alphatree.blocks.core.StackNetwork;
import org.alphatree.blocks.layers.Layers;

/**
 * The frame the classic networks share, torchvision's AlexNet/VGG layout: a {@code features} stack
 * of convolutions, activations and pools, an {@code avgpool} to a fixed map, flattening, and a
 * {@code classifier} MLP whose last layer is the classifier proper.
 *
 * <p>{@link #numFeatures()} is the width of the MLP's last hidden layer (timm's {@code
 * head_hidden_size}): headless ({@code numClasses = 0}) a classic network returns those pre-logits
 * (4096 for AlexNet and VGG, as timm's VGG does), since the flattened conv map would be a 9,216- or
 * 25,088-wide vector that no one pools. {@link #forwardFeatures} still returns the last conv map.
 */
public abstract class ClassicNet extends StackNetwork {

    /**
     * Creates the frame.
     *
     * @param numClasses classes, 0 for headless
     * @param classifierLeaf the classifier's name inside {@code classifier} ({@code 6})
     * @param inputChannels the input's channels (3; LeNet-5: 1)
     * @param classifierInit the classifier's weight initialization
     */
    protected ClassicNet(
            int numClasses, String classifierLeaf, int inputChannels, Layers.Init classifierInit) {
        super(numClasses, "features", classifierLeaf, inputChannels, classifierInit);
    }
}

package org.alphatree.blocks.dense;

import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * DenseNet's transition (torchvision {@code _Transition}): BN → ReLU → conv1x1 → AvgPool2d(2, 2).
 */
public class Transition extends Sequential {

    private final int out;

    /**
     * Creates the transition.
     *
     * @param outChannels output channels (compression × input channels)
     */
    public Transition(int outChannels) {
        this.out = outChannels;
        append("norm", BatchNorm2d.lazy(1e-5f, 0.1f));
        append("relu", Activation.reluBlock());
        append("conv", DenseNet.kaimingFanIn(Layers.conv2d(outChannels, 1, 1, 0, 1, false)));
        append("pool", Pool2d.avg(2, 2, 0, false, true));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Transition(-> " + out + ")";
    }
}

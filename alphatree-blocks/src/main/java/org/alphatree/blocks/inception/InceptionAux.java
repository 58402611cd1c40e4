package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Inception v3's auxiliary classifier (torchvision {@code InceptionAux}): avg-pool 5/3, 1x1 conv
 * (128), 5x5 conv (768), global pool, linear.
 */
public class InceptionAux extends AlphaBlock {

    /**
     * Creates the head.
     *
     * @param numClasses classes
     */
    public InceptionAux(int numClasses) {
        add("pool", Pool2d.avg(5, 3, 0, false, true));
        add("conv0", InceptionV3Blocks.conv(128, 1));
        add("conv1", InceptionV3Blocks.conv(768, 5, 1, 0));
        add("avgpool", new GlobalAvgPool());
        add("fc", Layers.linear(numClasses, true));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x =
                chain(ps, inputs.singletonOrThrow(), training, "pool", "conv0", "conv1", "avgpool");
        return new NDList(consume("fc", ps, flatten(x), training));
    }
}

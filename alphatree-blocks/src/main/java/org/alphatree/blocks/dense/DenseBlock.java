package org.alphatree.blocks.dense;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * A dense block (torchvision {@code _DenseBlock}): layer {@code i} sees the concatenation of the
 * block input and the outputs of layers 1..i-1; the block returns the concatenation of all of them
 * ({@code in + n·k} channels). Children {@code denselayer1}..{@code denselayerN}.
 */
public class DenseBlock extends AlphaBlock {

    private final int numLayers;
    private final int growthRate;

    /**
     * Creates the block.
     *
     * @param numLayers layers
     * @param bnSize bottleneck multiplier
     * @param growthRate k
     * @param dropRate dropout rate
     */
    public DenseBlock(int numLayers, int bnSize, int growthRate, float dropRate) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("numLayers must be positive");
        }
        this.numLayers = numLayers;
        this.growthRate = growthRate;
        for (int i = 1; i <= numLayers; i++) {
            add("denselayer" + i, new DenseLayer(growthRate, bnSize, dropRate));
        }
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "DenseBlock(" + numLayers + " x +" + growthRate + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = new NDList(inputs.singletonOrThrow());
        for (String n : namedChildren().keySet()) {
            features.add(call(n, ps, features, training, params).head());
        }
        NDList out = new NDList(NDArrays.concat(features, 1));
        release(features, inputs, out);
        return out;
    }
}

package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * A class-conditional block: it takes {@code (input, labels)} and gives one array, written as
 * {@link #forwardLabelled}; the two inputs are checked first, with a message naming them.
 */
public abstract class LabelledBlock extends AlphaBlock {

    private final String inputName;

    /**
     * Creates the block.
     *
     * @param inputName the first input's name in messages ({@code z}, {@code x})
     */
    protected LabelledBlock(String inputName) {
        this.inputName = inputName;
    }

    /** {@inheritDoc} */
    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        ClassEmbedding.checkLabelled(kind(), inputs, inputName);
        return new NDList(forwardLabelled(ps, inputs.get(0), inputs.get(1), training));
    }

    /**
     * The forward pass.
     *
     * @param ps the parameter store
     * @param x the input (latents or images)
     * @param labels the class labels (N)
     * @param training training mode
     * @return the output
     */
    protected abstract NDArray forwardLabelled(
            ParameterStore ps, NDArray x, NDArray labels, boolean training);
}

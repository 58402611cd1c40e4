package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Checks;
import org.alphatree.blocks.core.Kind;

/**
 * {@code torch.nn.Dropout(p)}: zeroes elements with probability p in training, scaling the rest.
 */
public class Dropout extends AbstractBlock implements Kind {

    private final float rate;

    /**
     * Creates the block.
     *
     * @param rate drop probability in [0, 1)
     */
    public Dropout(float rate) {
        super((byte) 1);
        this.rate = Checks.rate(rate, "dropout rate");
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Dropout(" + rate + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!training || rate == 0) {
            return inputs;
        }
        return new NDList(
                ai.djl.nn.norm.Dropout.dropout(inputs.singletonOrThrow(), rate, true).head());
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

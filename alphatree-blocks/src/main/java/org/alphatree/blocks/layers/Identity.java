package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Kind;

/** {@code torch.nn.Identity}. */
public class Identity extends AbstractBlock implements Kind {

    /** Creates the block. */
    public Identity() {
        super((byte) 1);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Identity";
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return inputs;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

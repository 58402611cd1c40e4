package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base class of AlphaTree's leaf layers (pools, norms, the equalized and transposed layers): a DJL
 * {@link AbstractBlock} with one input and one output, written as {@link #forwardSingle}. Leaf
 * layers declare their parameters and output shapes themselves; composite blocks extend {@link
 * AlphaBlock}.
 */
public abstract class LeafBlock extends AbstractBlock implements Kind {

    /** Creates a leaf layer of DJL's default version. */
    protected LeafBlock() {}

    /**
     * Creates a leaf layer of the given serialization version.
     *
     * @param version the version DJL stores with the parameters
     */
    protected LeafBlock(byte version) {
        super(version);
    }

    /** {@inheritDoc} */
    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forwardSingle(ps, inputs.singletonOrThrow(), training));
    }

    /**
     * The layer's forward pass.
     *
     * @param ps the parameter store
     * @param x the input
     * @param training training mode
     * @return the output
     */
    protected abstract NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training);
}

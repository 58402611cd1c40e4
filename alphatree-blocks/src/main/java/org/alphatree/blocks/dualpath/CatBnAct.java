package org.alphatree.blocks.dualpath;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNormAct2d;

/**
 * Concatenate a (residual, dense) pair, then BN + activation (timm {@code CatBnAct}; key {@code
 * bn.*}).
 */
public class CatBnAct extends AlphaBlock {

    /**
     * Creates the block.
     *
     * @param act the activation (ReLU in DPN, inside the blocks and before the classifier)
     */
    public CatBnAct(Activation.Type act) {
        add("bn", BatchNormAct2d.lazy(1e-3f, 0.1f, act));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        boolean concat = inputs.size() != 1;
        NDArray x = concat ? NDArrays.concat(inputs, 1) : inputs.head();
        return new NDList(concat ? consume("bn", ps, x, training) : call("bn", ps, x, training));
    }
}

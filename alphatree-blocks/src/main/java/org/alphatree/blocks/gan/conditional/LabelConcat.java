package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * CGAN's conditioning for any network (Mirza &amp; Osindero 2014): inputs (v, y), with v flattened
 * to (N, ·) and y (N) class labels, run {@code body} on {@code cat(v, embed(y))} (or {@code
 * cat(embed(y), v)}, the label first, as CGAN's generator). Children {@code label_emb} and {@code
 * body}; a body that is already initialized keeps its weights.
 */
public class LabelConcat extends LabelledBlock {

    private final boolean labelFirst;

    /**
     * Wraps a network.
     *
     * @param body the network, taking (N, features + dim)
     * @param classes K
     * @param dim the embedding size
     * @param labelFirst whether the embedding comes before v
     */
    public LabelConcat(Block body, int classes, int dim, boolean labelFirst) {
        super("x");
        this.labelFirst = labelFirst;
        add("label_emb", new ClassEmbedding(classes, dim));
        add("body", body);
        describeAs("LabelConcat(" + classes + " classes)");
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardLabelled(
            ParameterStore ps, NDArray v, NDArray labels, boolean training) {
        v = v.reshape(v.getShape().get(0), -1);
        NDArray e = call("label_emb", ps, labels, training);
        NDList parts = labelFirst ? new NDList(e, v) : new NDList(v, e);
        return call("body", ps, NDArrays.concat(parts, 1), training);
    }
}

package org.alphatree.blocks.core;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Children applied in order, like {@code torch.nn.Sequential}: unnamed children are called {@code
 * 0}, {@code 1}, ... so that weight keys such as {@code downsample.1.weight} match the reference.
 * Unlike DJL's {@code SequentialBlock}, children keep the names they are given.
 */
public class Sequential extends AlphaBlock {

    /** Creates an empty sequence. */
    public Sequential() {}

    /**
     * Appends a child named by its position ({@code 0}, {@code 1}, ...).
     *
     * @param block the child
     * @return this
     */
    public Sequential add(Block block) {
        add(String.valueOf(namedChildren().size()), block);
        return this;
    }

    /**
     * Appends a named child.
     *
     * @param name the reference name
     * @param block the child
     * @return this
     */
    public Sequential append(String name, Block block) {
        add(name, block);
        return this;
    }

    /**
     * Runs the sequence and returns the outputs of the named children, in sequence order (a child
     * returning several arrays contributes their channel concatenation): the basis of the networks'
     * {@code features} methods.
     *
     * @param ps the parameter store
     * @param inputs the inputs
     * @param training training mode
     * @param names the children whose outputs to return
     * @return one array per named child reached
     */
    public NDList outputsOf(
            ParameterStore ps,
            NDList inputs,
            boolean training,
            java.util.Collection<String> names) {
        NDList x = inputs;
        NDList out = new NDList();
        for (String name : namedChildren().keySet()) {
            x = call(name, ps, x, training, null);
            if (names.contains(name)) {
                out.add(x.size() == 1 ? x.head() : ai.djl.ndarray.NDArrays.concat(x, 1));
            }
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        boolean owned = false; // x is one new array of this sequence's, as in chain
        for (Map.Entry<String, Block> e : namedChildren().entrySet()) {
            NDList next;
            if (owned && !training && e.getValue() instanceof InPlaceCapable) {
                next = new NDList(consumeOwned(e.getKey(), ps, x.head(), training));
            } else {
                next = call(e.getKey(), ps, x, training, params);
                if (x != inputs) {
                    release(x, inputs, next);
                }
            }
            owned =
                    !training
                            && next.size() == 1
                            && ownsOutput(
                                    e.getValue(), owned, x.size() == 1 && next.head() == x.head());
            x = next;
        }
        return x;
    }
}

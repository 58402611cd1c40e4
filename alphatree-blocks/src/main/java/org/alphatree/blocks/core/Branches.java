package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parallel branches over one input, concatenated along channels: the Inception module's shape. Each
 * branch is a chain of named children, optionally ending in a fork of parallel children whose
 * outputs are concatenated too (Inception v3's module E). Children keep their reference names
 * ({@code branch3x3dbl_2}); the branch structure is what summaries and diagrams draw.
 */
public abstract class Branches extends AlphaBlock {

    /**
     * One branch: a chain of child names and an optional fork.
     *
     * @param chain children applied in order
     * @param fork children applied in parallel to the chain's output and concatenated (may be
     *     empty)
     * @param sum whether the fork's outputs are summed rather than concatenated (a NAS cell's
     *     combination)
     */
    public record Branch(List<String> chain, List<String> fork, boolean sum) {
        /**
         * A branch whose fork is concatenated.
         *
         * @param chain children applied in order
         * @param fork children applied in parallel and concatenated (may be empty)
         */
        public Branch(List<String> chain, List<String> fork) {
            this(chain, fork, false);
        }
    }

    private final List<Branch> branches = new ArrayList<>();

    /** Creates an empty module. */
    protected Branches() {}

    /**
     * Declares a branch that is a chain of already registered children.
     *
     * @param chain the child names, in order
     */
    protected final void branch(String... chain) {
        branches.add(new Branch(List.of(chain), List.of()));
    }

    /**
     * Declares a branch that forks at its end.
     *
     * @param chain children applied in order
     * @param fork children applied in parallel to the chain's output
     */
    protected final void forkedBranch(List<String> chain, List<String> fork) {
        branches.add(new Branch(List.copyOf(chain), List.copyOf(fork)));
    }

    /**
     * Declares a branch that ends in parallel children whose outputs are summed (a NAS cell's
     * {@code comb_iter = left + right}); only subclasses with their own forward use it.
     *
     * @param chain children applied in order
     * @param fork children applied in parallel to the chain's output and summed
     */
    protected final void summedBranch(List<String> chain, List<String> fork) {
        branches.add(new Branch(List.copyOf(chain), List.copyOf(fork), true));
    }

    /**
     * Returns the branches.
     *
     * @return the branches, in concatenation order
     */
    public List<Branch> branches() {
        return Collections.unmodifiableList(branches);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList outs = new NDList();
        for (Branch b : branches) {
            NDArray y = x;
            for (String name : b.chain()) {
                y = y == x ? call(name, ps, y, training) : consume(name, ps, y, training);
            }
            if (b.fork().isEmpty()) {
                outs.add(y);
            } else {
                for (String name : b.fork()) {
                    outs.add(call(name, ps, y, training));
                }
                if (y != x && !outs.contains(y)) {
                    y.close();
                }
            }
        }
        NDList out = new NDList(NDArrays.concat(outs, 1));
        release(outs, inputs, out);
        return out;
    }
}

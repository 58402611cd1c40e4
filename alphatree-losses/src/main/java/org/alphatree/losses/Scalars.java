package org.alphatree.losses;

import ai.djl.ndarray.NDArray;

/** The losses' shorthand for {@link org.alphatree.blocks.core.Scalars#mul}: see there why. */
final class Scalars {
    private Scalars() {}

    /**
     * Returns {@code a · v}.
     *
     * @param a the array, possibly requiring gradients
     * @param v the constant
     * @return the product
     */
    static NDArray mul(NDArray a, float v) {
        return org.alphatree.blocks.core.Scalars.mul(a, v);
    }
}

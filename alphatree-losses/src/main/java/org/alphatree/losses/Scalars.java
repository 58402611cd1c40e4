package org.alphatree.losses;

import ai.djl.ndarray.NDArray;

/**
 * The losses' shorthand for {@link org.alphatree.blocks.core.Scalars#mul} (see there why), and
 * their one check that two arrays they compare element by element agree in shape.
 */
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

    /**
     * Fails unless two arrays have the same shape.
     *
     * @param a the first array
     * @param b the second array
     * @param what what must agree, leading the message ({@code "<what>: <a> vs <b>"})
     * @throws IllegalArgumentException if the shapes differ
     */
    static void sameShape(NDArray a, NDArray b, String what) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(what + ": " + a.getShape() + " vs " + b.getShape());
        }
    }
}

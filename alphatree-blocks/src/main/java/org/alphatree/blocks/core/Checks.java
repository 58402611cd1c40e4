package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;

/**
 * Argument checks shared by blocks, builders and losses, so that one kind of bad value always gets
 * one form of message.
 */
public final class Checks {

    private Checks() {}

    /**
     * Checks a rate, probability or decay that must lie in {@code [0, 1)}: dropout and drop-path
     * rates, a leaky ReLU's slope, label smoothing, an exponential moving average's decay. NaN is
     * refused.
     *
     * @param value the value
     * @param what its name, leading the message ({@code "<what> must be in [0, 1), got <value>"})
     * @return the value
     * @throws IllegalArgumentException if the value is outside {@code [0, 1)} or NaN
     */
    public static float rate(float value, String what) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * Fails unless two arrays compared element by element have the same shape.
     *
     * @param a the first array
     * @param b the second array
     * @param what what must agree, leading the message ({@code "<what>: <a> vs <b>"})
     * @throws IllegalArgumentException if the shapes differ
     */
    public static void sameShape(NDArray a, NDArray b, String what) {
        if (!a.getShape().equals(b.getShape())) {
            throw new IllegalArgumentException(what + ": " + a.getShape() + " vs " + b.getShape());
        }
    }
}

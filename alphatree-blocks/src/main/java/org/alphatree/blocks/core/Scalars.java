package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that is safe under autograd. DJL 0.36's {@code mul(Number)} and {@code
 * div(Number)} on the PyTorch engine wrap the constant in a tensor over a Java buffer and free that
 * buffer at once; autograd keeps the tensor to compute the gradient and reads freed memory in
 * backward once the buffer is reused — garbage gradients, intermittently (seen about once in 150
 * runs in Inception-ResNet's scaled residual, and as NaN generator gradients within 200 steps of
 * ProGAN training, whose equalized learning rate scales every weight by a constant). Here the
 * constant is a tensor libtorch allocates, which autograd's reference keeps alive. {@code
 * add(Number)} and {@code sub(Number)} are safe: their backward does not read the constant.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * Returns {@code a · v}.
     *
     * @param a the array, possibly requiring gradients
     * @param v the constant
     * @return the product
     */
    public static NDArray mul(NDArray a, float v) {
        try (NDArray s = a.getManager().full(new Shape(), v, a.getDataType(), a.getDevice())) {
            return a.mul(s);
        }
    }

    /**
     * Returns {@code a / v}.
     *
     * @param a the array, possibly requiring gradients
     * @param v the constant
     * @return the quotient
     */
    public static NDArray div(NDArray a, float v) {
        try (NDArray s = a.getManager().full(new Shape(), v, a.getDataType(), a.getDevice())) {
            return a.div(s);
        }
    }

    /**
     * Returns {@code a^(-1/2)} ({@code torch.rsqrt}), with the exponent a libtorch-allocated
     * tensor.
     *
     * @param a the array, positive, possibly requiring gradients
     * @return the reciprocal square root
     */
    public static NDArray rsqrt(NDArray a) {
        try (NDArray s = a.getManager().full(new Shape(), -0.5f, a.getDataType(), a.getDevice())) {
            return a.pow(s);
        }
    }
}

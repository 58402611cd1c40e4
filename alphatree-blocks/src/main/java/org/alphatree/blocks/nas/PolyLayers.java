package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.ConvNormAct;

/** PolyNet's shared pieces: Cadene's {@code BasicConv2d} and the residual scaling. */
final class PolyLayers {
    private PolyLayers() {}

    /**
     * Conv (no bias), BN (eps 1e-5), optional ReLU: keys {@code conv.weight}, {@code bn.*}.
     *
     * @param out output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param stride the stride
     * @param ph height padding
     * @param pw width padding
     * @param relu whether ReLU follows
     * @return the unit
     */
    static ConvNormAct conv(int out, int kh, int kw, int stride, int ph, int pw, boolean relu) {
        return ConvNormAct.builder()
                .setFilters(out)
                .setKernel(kh, kw)
                .optStride(stride)
                .optPadding(ph, pw)
                .optActivation(relu ? Activation::reluBlock : null)
                .build();
    }

    /** A square kernel with ReLU. */
    static ConvNormAct conv(int out, int k, int stride, int pad) {
        return conv(out, k, k, stride, pad, pad, true);
    }

    /** A sequence of units named {@code 0}, {@code 1}, ... */
    static Sequential seq(ai.djl.nn.Block... units) {
        Sequential s = new Sequential();
        for (ai.djl.nn.Block u : units) {
            s.add(u);
        }
        return s;
    }

    /**
     * {@code acc + scale * y} as new arrays ({@code acc} and {@code y} stay open). The scale is a
     * tensor libtorch allocates: autograd keeps it for backward, which DJL's {@code mul(Number)}
     * scalar (a Java buffer freed at once) would not survive.
     *
     * @param acc the running sum
     * @param y the residual
     * @param scale the residual scale
     * @return the new sum
     */
    static NDArray addScaled(NDArray acc, NDArray y, float scale) {
        try (NDArray s = y.getManager().full(new Shape(), scale, y.getDataType(), y.getDevice());
                NDArray scaled = y.mul(s)) {
            return acc.add(scaled);
        }
    }
}

package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import org.alphatree.blocks.core.LeafBlock;

/**
 * Local response normalization across channels, equal to {@code torch.nn.LocalResponseNorm(size,
 * alpha, beta, k)}:
 *
 * <pre>
 *   b_c = a_c / (k + alpha / size * sum_{c' = c - size/2}^{c + (size-1)/2} a_{c'}^2)^beta
 * </pre>
 *
 * with channels outside {@code [0, C)} counting as zeros. Krizhevsky, Sutskever &amp; Hinton,
 * "ImageNet Classification with Deep Convolutional Neural Networks", NIPS 2012, §3.3.
 *
 * <p>Note that {@code alpha} is divided by {@code size}, as in PyTorch and Caffe; the paper's
 * formula has no division, so its α = 1e-4 is PyTorch's {@code alpha = 5e-4} at size 5. AlphaTree
 * follows PyTorch so that reference weights and hyper-parameters carry over unchanged.
 */
public class LocalResponseNorm extends LeafBlock {

    private final int size;
    private final float alpha;
    private final float beta;
    private final float k;

    /**
     * Creates the block.
     *
     * @param size the number of neighbouring channels n, {@code >= 1}
     * @param alpha the scale α (divided by n)
     * @param beta the exponent β, {@code >= 0}
     * @param k the additive constant, {@code > 0}
     */
    public LocalResponseNorm(int size, float alpha, float beta, float k) {
        super((byte) 1);
        if (size < 1 || !(alpha >= 0) || !(beta >= 0) || !(k > 0) || Float.isInfinite(alpha)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "LocalResponseNorm: need size >= 1, alpha >= 0, beta >= 0, k > 0;"
                                    + " got size %d, alpha %s, beta %s, k %s",
                            size,
                            alpha,
                            beta,
                            k));
        }
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    /**
     * AlexNet's normalization (paper §3.3): n = 5, α = 1e-4, β = 0.75, k = 2, in PyTorch's
     * convention (α divided by n).
     *
     * @return the block
     */
    public static LocalResponseNorm alexnet() {
        return new LocalResponseNorm(5, 1e-4f, 0.75f, 2f);
    }

    /**
     * Returns the window size n.
     *
     * @return n
     */
    public int getSize() {
        return size;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "LRN(" + size + ", " + plain(alpha) + ", " + plain(beta) + ", " + plain(k) + ")";
    }

    private static String plain(float v) {
        return new java.math.BigDecimal(Float.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() < 3) {
            throw new IllegalArgumentException(
                    "LocalResponseNorm expects (N, C, ...) with at least 3 dimensions, got " + s);
        }
        long c = s.get(1);
        int before = size / 2;
        int after = (size - 1) / 2;
        NDArray sq = x.mul(x);
        NDArray padded = sq;
        if (before + after > 0) {
            NDList parts = new NDList(3);
            if (before > 0) {
                parts.add(x.getManager().zeros(channels(s, before), x.getDataType()));
            }
            parts.add(sq);
            if (after > 0) {
                parts.add(x.getManager().zeros(channels(s, after), x.getDataType()));
            }
            padded = NDArrays.concat(parts, 1);
            parts.close();
        }
        // the window sum: size shifted channel slices of the padded squares
        NDArray sum = null;
        for (int j = 0; j < size; j++) {
            NDArray slice = padded.get(new NDIndex(":, {}:{}", j, j + c));
            if (sum == null) {
                sum = slice;
            } else {
                NDArray next = sum.add(slice);
                sum.close();
                slice.close();
                sum = next;
            }
        }
        if (padded != sum) {
            padded.close();
        }
        // scalars as libtorch tensors: autograd keeps them for backward (see core.Scalars)
        try (NDArray scale = scalar(x, alpha / size);
                NDArray shift = scalar(x, k);
                NDArray exponent = scalar(x, beta)) {
            NDArray scaled = sum.mul(scale);
            sum.close();
            NDArray base = scaled.add(shift);
            scaled.close();
            NDArray div = base.pow(exponent);
            base.close();
            NDArray y = x.div(div);
            div.close();
            return y;
        }
    }

    private static Shape channels(Shape s, long n) {
        long[] d = s.getShape().clone();
        d[1] = n;
        return new Shape(d);
    }

    private static NDArray scalar(NDArray like, float v) {
        return like.getManager().full(new Shape(), v, like.getDataType(), like.getDevice());
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

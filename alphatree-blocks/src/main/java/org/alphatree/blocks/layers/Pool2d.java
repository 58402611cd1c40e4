package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.LeafBlock;

/**
 * Max or average 2-D pooling with PyTorch's options ({@code ceil_mode}, {@code count_include_pad}),
 * named so summaries and diagrams can show kernel and stride.
 */
public class Pool2d extends LeafBlock {

    private final boolean max;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    private Pool2d(
            boolean max,
            int kernel,
            int stride,
            int padding,
            boolean ceilMode,
            boolean countIncludePad) {
        super((byte) 1);
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(
                    "invalid pool: kernel "
                            + kernel
                            + ", stride "
                            + stride
                            + ", padding "
                            + padding
                            + " (padding must be at most half the kernel)");
        }
        this.max = max;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    /**
     * {@code torch.nn.MaxPool2d(kernel, stride, padding, ceil_mode=ceilMode)}.
     *
     * @param kernel kernel size
     * @param stride stride
     * @param padding implicit negative-infinity padding on each side
     * @param ceilMode use ceil instead of floor for the output size
     * @return the block
     */
    public static Pool2d max(int kernel, int stride, int padding, boolean ceilMode) {
        return new Pool2d(true, kernel, stride, padding, ceilMode, true);
    }

    /**
     * {@code torch.nn.AvgPool2d(kernel, stride, padding, ceil_mode, count_include_pad)}.
     *
     * @param kernel kernel size
     * @param stride stride
     * @param padding zero padding on each side
     * @param ceilMode use ceil instead of floor for the output size
     * @param countIncludePad whether padded zeros count in the average
     * @return the block
     */
    public static Pool2d avg(
            int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        return new Pool2d(false, kernel, stride, padding, ceilMode, countIncludePad);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return (max ? "MaxPool2d(" : "AvgPool2d(")
                + kernel
                + "x"
                + kernel
                + (stride != 1 ? ", stride " + stride : "")
                + ")";
    }

    /**
     * Returns whether this is a max pool.
     *
     * @return true for max, false for average
     */
    public boolean isMax() {
        return max;
    }

    /**
     * Returns the kernel size.
     *
     * @return kernel size
     */
    public int getKernel() {
        return kernel;
    }

    /**
     * Returns the stride.
     *
     * @return stride
     */
    public int getStride() {
        return stride;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected NCHW input");
        }
        if (out(x.getShape().get(2)) < 1 || out(x.getShape().get(3)) < 1) {
            throw new IllegalArgumentException(
                    "input too small for a " + kernel + "x" + kernel + " pool (output size < 1)");
        }
        Shape k = new Shape(kernel, kernel);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        if (max) {
            return x.getNDArrayInternal().maxPool(k, s, p, ceilMode);
        }
        NDArray y = x.getNDArrayInternal().avgPool(k, s, p, ceilMode, true);
        if (!countIncludePad && padding > 0) {
            // DJL 0.36's PyTorch engine ignores count_include_pad=False (measured here): divide
            // by the average of ones over the same windows, i.e. by the fraction of real pixels
            Shape plane = new Shape(1, 1, x.getShape().get(2), x.getShape().get(3));
            try (NDArray ones = x.getManager().ones(plane, x.getDataType(), x.getDevice());
                    NDArray frac = ones.getNDArrayInternal().avgPool(k, s, p, ceilMode, true)) {
                y.divi(frac);
            }
        }
        return y;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), out(in.get(2)), out(in.get(3)))};
    }

    private long out(long size) {
        // PyTorch's pooling_output_shape
        long span = size + 2L * padding - kernel + (ceilMode ? stride - 1 : 0);
        long o = Math.floorDiv(span, stride) + 1;
        // the last window must start inside the input or the left padding
        if (ceilMode && (o - 1) * stride >= size + padding) {
            o--;
        }
        return o;
    }
}

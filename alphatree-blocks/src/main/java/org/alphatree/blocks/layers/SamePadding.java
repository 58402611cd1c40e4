package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * TensorFlow's "SAME" padding, as timm emulates it ({@code pad_same}): the input is padded so that
 * the output has {@code ceil(size / stride)} positions, {@code pad = max((ceil(x / s) - 1) · s + (k
 * - 1) · d + 1 - x, 0)}, the extra pixel at the bottom and right. A convolution or pool with
 * padding 0 follows ({@code op}); max pools pad with {@code -inf}, and timm's average pools pad
 * with zeros that the average then counts (its {@code AvgPool2dSame} pads outside the pool, so
 * {@code count_include_pad=False} has no effect there).
 *
 * <p>Used where timm's {@code padding='same'} is dynamic (a stride above 1, or an even kernel);
 * where it is static (stride 1, odd kernel), the layer's symmetric padding {@code (k - 1) / 2} is
 * the same and no wrapper is needed.
 */
public class SamePadding extends AlphaBlock {

    private final int kernel;
    private final int stride;
    private final double value;
    private final String name;

    /**
     * Wraps an operation with padding 0.
     *
     * @param op the convolution or pool ({@code padding = 0}), registered under {@code name}
     * @param name the operation's child name (a convolution keeps its reference key)
     * @param kernel the kernel side
     * @param stride the stride
     * @param value the padding value (0; {@code Double.NEGATIVE_INFINITY} before a max pool)
     */
    public SamePadding(ai.djl.nn.Block op, String name, int kernel, int stride, double value) {
        this.kernel = kernel;
        this.stride = stride;
        this.value = value;
        this.name = name;
        add(name, op);
        describeAs("SamePadding(" + kernel + "x" + kernel + ", stride " + stride + ")");
    }

    /**
     * TF's total "SAME" padding of one axis.
     *
     * @param size the input size
     * @param kernel the kernel
     * @param stride the stride
     * @return the total padding (before + after)
     */
    public static long total(long size, int kernel, int stride) {
        return Math.max((Math.floorDiv(size + stride - 1, stride) - 1) * stride + kernel - size, 0);
    }

    /**
     * Pads an NCHW array as TF's "SAME" does.
     *
     * @param x the input (not closed)
     * @param kernel the kernel
     * @param stride the stride
     * @param value the padding value
     * @return the padded array, or {@code x} when no padding is needed
     */
    public static NDArray pad(NDArray x, int kernel, int stride, double value) {
        long ph = total(x.getShape().get(2), kernel, stride);
        long pw = total(x.getShape().get(3), kernel, stride);
        if (ph == 0 && pw == 0) {
            return x;
        }
        return x.pad(new Shape(pw / 2, pw - pw / 2, ph / 2, ph - ph / 2), value);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray padded = pad(x, kernel, stride, value);
        NDArray y = call(name, ps, padded, training);
        if (padded != x) {
            padded.close();
        }
        return y;
    }
}

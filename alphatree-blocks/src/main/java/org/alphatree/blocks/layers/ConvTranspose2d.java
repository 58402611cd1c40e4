package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import org.alphatree.blocks.core.LeafBlock;
import org.alphatree.blocks.core.ParameterSpecs;

/**
 * {@code torch.nn.ConvTranspose2d} (groups 1, dilation 1), exact: DJL 0.36's {@code
 * Conv2dTranspose} throws on the PyTorch engine. A transposed convolution equals a stride-1
 * convolution of the input with {@code stride − 1} zeros inserted between pixels, padded by {@code
 * k − 1 − p} (plus {@code output_padding} at the bottom/right), with the kernel flipped and its
 * in/out axes swapped. Parameters {@code weight} (in, out, k, k) and {@code bias} (out), PyTorch's
 * layout, so its weights load.
 *
 * <p>Dumoulin &amp; Visin, "A guide to convolution arithmetic for deep learning", 2016.
 */
public class ConvTranspose2d extends LeafBlock {

    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outputPadding;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the block.
     *
     * @param out output channels
     * @param kernel square kernel size
     * @param stride stride
     * @param padding PyTorch's {@code padding}
     * @param outputPadding PyTorch's {@code output_padding} (less than the stride)
     * @param useBias whether to add a bias
     */
    public ConvTranspose2d(
            int out, int kernel, int stride, int padding, int outputPadding, boolean useBias) {
        super((byte) 1);
        if (out < 1
                || kernel < 1
                || stride < 1
                || padding < 0
                || outputPadding < 0
                || outputPadding >= stride) {
            throw new IllegalArgumentException(
                    "invalid ConvTranspose2d: out "
                            + out
                            + ", kernel "
                            + kernel
                            + ", stride "
                            + stride
                            + ", padding "
                            + padding
                            + ", output_padding "
                            + outputPadding);
        }
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        weight = addParameter(ParameterSpecs.weight(new UniformInitializer(0.05f)));
        bias = useBias ? addParameter(ParameterSpecs.bias(null, null)) : null;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ConvTranspose2d("
                + kernel
                + "x"
                + kernel
                + ", "
                + out
                + (stride > 1 ? ", stride " + stride : "")
                + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), out, kernel, kernel));
        if (bias != null) {
            bias.setShape(new Shape(out));
        }
    }

    /**
     * The functional form.
     *
     * @param x input (N, C_in, H, W)
     * @param w weight (C_in, C_out, k, k)
     * @param b bias (C_out) or null
     * @param stride stride
     * @param padding padding
     * @param outputPadding output padding
     * @return (N, C_out, (H−1)s − 2p + k + op, …)
     */
    public static NDArray convTranspose2d(
            NDArray x, NDArray w, NDArray b, int stride, int padding, int outputPadding) {
        long[] s = x.getShape().getShape();
        if (s.length != 4 || s[1] != w.getShape().get(0)) {
            throw new IllegalArgumentException("expected (N, " + w.getShape().get(0) + ", H, W)");
        }
        int k = (int) w.getShape().get(2);
        NDArray up = x;
        if (stride > 1) {
            up = dilate(up, 3, stride);
            up = dilate(up, 2, stride);
        }
        int pad = k - 1 - padding;
        // F.pad order: (left, right, top, bottom); negative values crop
        up = up.pad(new Shape(pad, pad + outputPadding, pad, pad + outputPadding), 0);
        NDArray flipped = w.flip(2, 3).transpose(1, 0, 2, 3);
        return Conv2d.conv2d(up, flipped, b, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                .head();
    }

    /** Inserts {@code s − 1} zeros between neighbours along {@code axis} (2 or 3). */
    private static NDArray dilate(NDArray x, int axis, int s) {
        long[] shape = x.getShape().getShape();
        NDArray e = x.expandDims(axis + 1);
        long[] zs = e.getShape().getShape();
        zs[axis + 1] = s - 1;
        NDArray z = x.getManager().zeros(new Shape(zs), x.getDataType(), x.getDevice());
        NDArray stacked = NDArrays.concat(new NDList(e, z), axis + 1);
        long[] merged = shape.clone();
        merged[axis] = shape[axis] * s;
        NDArray flat = stacked.reshape(new Shape(merged));
        long keep = (shape[axis] - 1) * s + 1;
        return axis == 3
                ? flat.get(new NDIndex(":, :, :, :{}", keep))
                : flat.get(new NDIndex(":, :, :{}", keep));
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return convTranspose2d(x, w, b, stride, padding, outputPadding);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) - 1) * stride - 2L * padding + kernel + outputPadding;
        long w = (in.get(3) - 1) * stride - 2L * padding + kernel + outputPadding;
        return new Shape[] {new Shape(in.get(0), out, h, w)};
    }
}

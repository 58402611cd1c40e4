package org.alphatree.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * How images become Inception inputs. Both modes resize with bilinear interpolation written as two
 * interpolation matrices ({@code R_h · X · R_wᵀ}), which is exactly a separable bilinear resize.
 */
public enum Preprocessing {
    /**
     * pytorch-fid (the default): float images in [0, 1], {@code F.interpolate(x, (299, 299),
     * mode='bilinear', align_corners=False)} (half-pixel centres, no antialias), then {@code 2x −
     * 1}.
     */
    PYTORCH_FID,
    /**
     * torch-fidelity / TF1: pixel values in [0, 255], TF1's bilinear resize without the half-pixel
     * offset ({@code src = dst · in/out}), then {@code (x − 128) / 128}.
     */
    TF;

    /** The Inception input size. */
    public static final int SIZE = 299;

    /**
     * Turns a batch of images into network input.
     *
     * @param images (N, 3, H, W): values in [0, 1] for {@link #PYTORCH_FID}, in [0, 255] for {@link
     *     #TF}
     * @return (N, 3, 299, 299)
     */
    public NDArray apply(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("expected images (N, 3, H, W), got " + s);
        }
        NDArray x = resize(images, SIZE, SIZE, this);
        return this == PYTORCH_FID ? x.mul(2).sub(1) : x.sub(128).div(128);
    }

    /**
     * Bilinear resize in the given convention.
     *
     * @param x (N, C, H, W)
     * @param outH output height
     * @param outW output width
     * @param mode {@link #PYTORCH_FID} for PyTorch's {@code align_corners=False}, {@link #TF} for
     *     TF1
     * @return (N, C, outH, outW)
     */
    public static NDArray resize(NDArray x, int outH, int outW, Preprocessing mode) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (h == outH && w == outW) {
            return x;
        }
        NDManager m = x.getManager();
        NDArray rh =
                m.create(matrix(h, outH, mode), new Shape(outH, h)).toType(x.getDataType(), false);
        NDArray rwT =
                m.create(matrix(w, outW, mode), new Shape(outW, w))
                        .toType(x.getDataType(), false)
                        .transpose();
        NDArray flat = x.reshape(s.get(0) * s.get(1), h, w);
        return rh.matMul(flat).matMul(rwT).reshape(s.get(0), s.get(1), outH, outW);
    }

    /**
     * The interpolation matrix (out × in), row-major.
     *
     * @param in input size
     * @param out output size
     * @param mode the convention
     * @return the matrix
     */
    static float[] matrix(int in, int out, Preprocessing mode) {
        float[] r = new float[out * in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = mode == PYTORCH_FID ? Math.max((i + 0.5) * scale - 0.5, 0) : i * scale;
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double l1 = src - i0;
            r[i * in + i0] += (float) (1 - l1);
            r[i * in + i1] += (float) l1;
        }
        return r;
    }
}

package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.Temporaries;

/**
 * StyleGAN2's resampling and modulated convolution as array functions, equal to
 * stylegan2-ada-pytorch's reference (non-CUDA) ops: {@code upfirdn2d} (pad, upsample by zero
 * insertion, FIR filter, downsample by dropping pixels), {@code conv2d_resample} (a convolution
 * with FIR up- or downsampling, the same fast paths), and {@code modulated_conv2d} (per-sample
 * weight modulation and demodulation, fused as a grouped convolution or as activation scaling).
 *
 * <p>The low-pass filter is the paper's separable binomial [1, 3, 3, 1], normalized to unit DC gain
 * (its 4×4 outer product / 64). DJL's transposed convolution does not run on the PyTorch engine, so
 * the transposed (upsampling) path is its exact equivalent: zero insertion, padding, and a
 * convolution with the spatially flipped kernel.
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, §2.2 and
 * appendix B; NVlabs/stylegan2-ada-pytorch {@code torch_utils/ops/upfirdn2d.py}, {@code
 * conv2d_resample.py}, {@code training/networks.py:modulated_conv2d}.
 */
public final class Resample {

    private Resample() {}

    /** The filter's taps, before normalization. */
    private static final float[] TAPS = {1, 3, 3, 1};

    /** The filter's side. */
    static final int FILTER = TAPS.length;

    /** Demodulation ε (reference {@code networks.py:58}). */
    public static final float DEMODULATION_EPS = 1e-8f;

    /**
     * The normalized 2-D filter times {@code gain}, flipped (a convolution, as the reference's
     * default {@code flip_filter=False}), as (C, 1, 4, 4) for a depthwise convolution.
     */
    private static NDArray filter(NDArray like, long channels, float gain) {
        float sum = 0;
        for (float t : TAPS) {
            sum += t;
        }
        float[] f = new float[FILTER * FILTER];
        for (int i = 0; i < FILTER; i++) {
            for (int j = 0; j < FILTER; j++) {
                // flip both axes (the reference flips unless flip_filter)
                f[i * FILTER + j] =
                        TAPS[FILTER - 1 - i] * TAPS[FILTER - 1 - j] / (sum * sum) * gain;
            }
        }
        // a libtorch-owned copy (duplicate() clones; toType(same type, copy) may alias the Java
        // buffer, which closing the array frees while autograd still holds the convolution's
        // weight for backward: garbage filters, NaN within a few hundred training steps)
        try (NDArray java = like.getManager().create(f, new Shape(1, 1, FILTER, FILTER))) {
            NDArray k = java.duplicate().toType(like.getDataType(), false);
            return k.broadcast(channels, 1, FILTER, FILTER);
        }
    }

    /**
     * {@code upfirdn2d(x, f, up, down, padding, gain)}: upsample by inserting {@code up − 1} zeros
     * after each pixel, pad (negative values crop), convolve each channel with the FIR filter (none
     * when {@code fir} is false: pure zero insertion and padding), keep every {@code down}-th
     * pixel.
     *
     * @param x (N, C, H, W)
     * @param fir whether to filter
     * @param up the upsampling factor
     * @param down the downsampling factor
     * @param pad padding {x0, x1, y0, y1}
     * @param gain the filter's gain (up² when upsampling)
     * @return the result
     */
    public static NDArray upfirdn2d(
            NDArray x, boolean fir, int up, int down, int[] pad, float gain) {
        long[] s = x.getShape().getShape();
        if (up > 1) {
            x = x.reshape(s[0], s[1], s[2], 1, s[3], 1);
            x = x.pad(new Shape(0, up - 1, 0, 0, 0, up - 1), 0);
            x = x.reshape(s[0], s[1], s[2] * up, s[3] * up);
        }
        if (pad[0] > 0 || pad[1] > 0 || pad[2] > 0 || pad[3] > 0) {
            x =
                    x.pad(
                            new Shape(
                                    Math.max(pad[0], 0),
                                    Math.max(pad[1], 0),
                                    Math.max(pad[2], 0),
                                    Math.max(pad[3], 0)),
                            0);
        }
        if (pad[0] < 0 || pad[1] < 0 || pad[2] < 0 || pad[3] < 0) {
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            x =
                    x.get(
                            ":, :, "
                                    + Math.max(-pad[2], 0)
                                    + ":"
                                    + (h - Math.max(-pad[3], 0))
                                    + ", "
                                    + Math.max(-pad[0], 0)
                                    + ":"
                                    + (w - Math.max(-pad[1], 0)));
        }
        if (fir) {
            NDArray f = filter(x, s[1], gain);
            x =
                    Conv2d.conv2d(
                                    x,
                                    f,
                                    null,
                                    new Shape(1, 1),
                                    new Shape(0, 0),
                                    new Shape(1, 1),
                                    (int) s[1])
                            .singletonOrThrow();
        } else if (gain != 1f) {
            x = Scalars.mul(x, gain);
        }
        if (down > 1) {
            x = x.get(":, :, ::" + down + ", ::" + down);
        }
        return x;
    }

    /**
     * {@code upsample2d(x, f, up=2)}: 2× FIR upsampling that doubles the size.
     *
     * @param x (N, C, H, W)
     * @return (N, C, 2H, 2W)
     */
    public static NDArray upsample2d(NDArray x) {
        int a = (FILTER + 1) / 2;
        int b = (FILTER - 2) / 2;
        return upfirdn2d(x, true, 2, 1, new int[] {a, b, a, b}, 4f);
    }

    /**
     * {@code downsample2d(x, f, down=2)}: 2× FIR downsampling that halves the size.
     *
     * @param x (N, C, H, W)
     * @return (N, C, H/2, W/2)
     */
    public static NDArray downsample2d(NDArray x) {
        int a = (FILTER - 1) / 2;
        int b = (FILTER - 2) / 2;
        return upfirdn2d(x, true, 1, 2, new int[] {a, b, a, b}, 1f);
    }

    private static NDArray conv(
            NDArray x, NDArray w, int stride, int padding, int groups, boolean flipWeight) {
        NDArray k = flipWeight ? w : Temporaries.near(w.flip(2, 3), x);
        return Conv2d.conv2d(
                        x,
                        k,
                        null,
                        new Shape(stride, stride),
                        new Shape(padding, padding),
                        new Shape(1, 1),
                        groups)
                .singletonOrThrow();
    }

    /**
     * {@code conv2d_resample(x, w, f, up, down, padding, groups, flip_weight)}: a convolution with
     * optional 2× FIR up- or downsampling, padding given with respect to the upsampled image.
     *
     * @param x (N, C, H, W)
     * @param w (O, C/groups, k, k)
     * @param up 1 or 2
     * @param down 1 or 2
     * @param padding the padding
     * @param groups groups
     * @param flipWeight true: correlation ({@code F.conv2d}); false: convolution
     * @return the result
     */
    public static NDArray conv2dResample(
            NDArray x, NDArray w, int up, int down, int padding, int groups, boolean flipWeight) {
        if (up > 1 && down > 1) {
            throw new IllegalArgumentException("conv2d_resample: up and down together");
        }
        int k = (int) w.getShape().get(2);
        int p0 = padding;
        int p1 = padding;
        if (up > 1) {
            p0 += (FILTER + up - 1) / 2;
            p1 += (FILTER - up) / 2;
        }
        if (down > 1) {
            p0 += (FILTER - down + 1) / 2;
            p1 += (FILTER - down) / 2;
        }
        int[] pads = {p0, p1, p0, p1};
        if (k == 1 && down > 1) {
            return conv(upfirdn2d(x, true, 1, down, pads, 1f), w, 1, 0, groups, flipWeight);
        }
        if (down > 1) {
            return conv(upfirdn2d(x, true, 1, 1, pads, 1f), w, down, 0, groups, flipWeight);
        }
        if (up > 1) {
            // the reference's transposed convolution (stride up, padding t) as zero insertion,
            // padding k-1-t and a convolution with the kernel flipped (a transposed convolution
            // is a convolution with the flipped kernel), so the flip is the opposite of the
            // reference's call
            p0 -= k - 1;
            p1 -= k - up;
            int t = Math.max(Math.min(-p0, -p1), 0);
            int before = k - 1 - t;
            int after = before - (up - 1);
            NDArray z = upfirdn2d(x, false, up, 1, new int[] {before, after, before, after}, 1f);
            NDArray y = conv(z, w, 1, 0, groups, flipWeight);
            return upfirdn2d(y, true, 1, 1, new int[] {p0 + t, p1 + t, p0 + t, p1 + t}, up * up);
        }
        if (p0 == p1 && p0 >= 0) {
            return conv(x, w, 1, p0, groups, flipWeight);
        }
        throw new IllegalArgumentException("conv2d_resample: unsupported padding " + padding);
    }

    /**
     * {@code modulated_conv2d}: the weight scaled per sample by the styles, then (with {@code
     * demodulate}) each output filter renormalized by {@code rsqrt(Σ w'² + 1e-8)}. Fused: one
     * grouped convolution with N groups over per-sample weights; not fused: the activations scaled
     * before and after a shared convolution (the reference's training path). Noise, when given, is
     * added after the convolution (and the demodulation).
     *
     * @param x (N, I, H, W)
     * @param weight (O, I, k, k)
     * @param styles (N, I)
     * @param noise added noise, broadcastable to the output, or null
     * @param up 1 or 2
     * @param padding the padding
     * @param demodulate whether to demodulate
     * @param flipWeight see {@link #conv2dResample}
     * @param fused the grouped-convolution form
     * @return (N, O, H·up, W·up)
     */
    public static NDArray modulatedConv2d(
            NDArray x,
            NDArray weight,
            NDArray styles,
            NDArray noise,
            int up,
            int padding,
            boolean demodulate,
            boolean flipWeight,
            boolean fused) {
        long n = x.getShape().get(0);
        long[] ws = weight.getShape().getShape();
        long o = ws[0];
        long in = ws[1];
        if (styles.getShape().dimension() != 2
                || styles.getShape().get(0) != n
                || styles.getShape().get(1) != in) {
            throw new IllegalArgumentException(
                    "modulated_conv2d: styles must be ("
                            + n
                            + ", "
                            + in
                            + "), got "
                            + styles.getShape());
        }
        NDArray w = null;
        NDArray dcoefs = null;
        if (demodulate || fused) {
            w = Temporaries.near(weight.expandDims(0), x).mul(styles.reshape(n, 1, in, 1, 1));
        }
        if (demodulate) {
            dcoefs =
                    Scalars.rsqrt(
                            w.square().reshape(n, o, -1).sum(new int[] {2}).add(DEMODULATION_EPS));
        }
        if (!fused) {
            NDArray y = x.mul(styles.reshape(n, in, 1, 1));
            y = conv2dResample(y, weight, up, 1, padding, 1, flipWeight);
            if (demodulate) {
                y = y.mul(dcoefs.reshape(n, o, 1, 1));
            }
            return noise == null ? y : y.add(noise);
        }
        if (demodulate) {
            w = w.mul(dcoefs.reshape(n, o, 1, 1, 1));
        }
        long[] xs = x.getShape().getShape();
        NDArray xg = x.reshape(1, n * in, xs[2], xs[3]);
        NDArray y =
                conv2dResample(
                        xg,
                        w.reshape(n * o, in, ws[2], ws[3]),
                        up,
                        1,
                        padding,
                        (int) n,
                        flipWeight);
        y = y.reshape(n, o, y.getShape().get(2), y.getShape().get(3));
        return noise == null ? y : y.add(noise);
    }

    /**
     * {@code bias_act(x, b, act, gain, clamp)}: bias per channel, the activation (leaky ReLU 0.2 or
     * linear), the gain, then clamping to ±clamp (none when clamp &lt; 0).
     *
     * @param x (N, C, …)
     * @param b (C), or null
     * @param lrelu leaky ReLU (else linear)
     * @param gain the gain after the activation
     * @param clamp the clamp, negative for none
     * @return the result
     */
    public static NDArray biasAct(NDArray x, NDArray b, boolean lrelu, float gain, float clamp) {
        if (b != null) {
            long[] shape = new long[x.getShape().dimension()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = b.getShape().get(0);
            x = x.add(Temporaries.near(b.reshape(shape), x));
        }
        if (lrelu) {
            x = ai.djl.nn.Activation.leakyRelu(x, 0.2f);
        }
        if (gain != 1f) {
            x = Scalars.mul(x, gain);
        }
        if (clamp >= 0) {
            x = x.clip(-clamp, clamp);
        }
        return x;
    }
}

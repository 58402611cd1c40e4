package org.alphatree.blocks.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;

/**
 * BigGAN's self-attention ({@code layers.Attention}, the released SA-GAN code): 1×1 spectrally
 * normalized convolutions without bias {@code theta}, {@code phi} (C → C/8) and {@code g} (C →
 * C/2), 2×2 max pooling of φ and g, {@code β = softmax(θᵀφ)} over the pooled positions, {@code o}
 * (C/2 → C) on {@code g·βᵀ}, and {@code γ·o + x} with the learned scalar {@code gamma} (init 0).
 * This differs from the SA-GAN paper's (and {@link org.alphatree.blocks.gan.SelfAttention}'s)
 * unpooled C/8 value path.
 *
 * <p>Zhang, Goodfellow, Metaxas &amp; Odena, "Self-Attention GANs", ICML 2019;
 * ajbrock/BigGAN-PyTorch {@code layers.py:Attention}.
 */
public class Attention extends AlphaBlock {

    private final int channels;
    private final Parameter gamma;

    /**
     * Creates the block.
     *
     * @param channels channels, a multiple of 8
     * @param snEps the convolutions' spectral-norm ε
     */
    public Attention(int channels, float snEps) {
        if (channels < 8 || channels % 8 != 0) {
            throw new IllegalArgumentException(
                    "Attention: channels must be a multiple of 8, got " + channels);
        }
        this.channels = channels;
        add("theta", SnLayer.conv2d(channels / 8, 1, 0, false, snEps));
        add("phi", SnLayer.conv2d(channels / 8, 1, 0, false, snEps));
        add("g", SnLayer.conv2d(channels / 2, 1, 0, false, snEps));
        add("o", SnLayer.conv2d(channels, 1, 0, false, snEps));
        gamma =
                addParameter(
                        ParameterSpecs.trainable(
                                "gamma", Parameter.Type.WEIGHT, Initializer.ZEROS, new Shape()));
        describeAs("Attention(" + channels + ")");
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != channels || s.get(2) % 2 != 0 || s.get(3) % 2 != 0) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, " + channels + ", H, W) with even H and W, got " + s);
        }
        long n = s.get(0);
        long hw = s.get(2) * s.get(3);
        NDArray theta = call("theta", ps, x, training).reshape(n, channels / 8, hw);
        NDArray phi = pool(call("phi", ps, x, training)).reshape(n, channels / 8, hw / 4);
        NDArray g = pool(call("g", ps, x, training)).reshape(n, channels / 2, hw / 4);
        NDArray beta = theta.transpose(0, 2, 1).batchMatMul(phi).softmax(-1);
        NDArray o =
                g.batchMatMul(beta.transpose(0, 2, 1)).reshape(n, channels / 2, s.get(2), s.get(3));
        o = call("o", ps, o, training);
        return o.mul(ps.getValue(gamma, x.getDevice(), training)).add(x);
    }
}

package org.alphatree.blocks.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.layers.Layers;

/**
 * SAGAN's self-attention block: query and key 1x1 convolutions to C/8 channels, value to C,
 * attention {@code softmax(QᵀK)} over all positions, output {@code γ · V·Aᵀ + x} with γ a learned
 * scalar starting at 0. Keys {@code query_conv.*}, {@code key_conv.*}, {@code value_conv.*}, {@code
 * gamma}, as the paper's reference implementation.
 *
 * <p>Zhang, Goodfellow, Metaxas &amp; Odena, "Self-Attention Generative Adversarial Networks", ICML
 * 2019.
 */
public class SelfAttention extends AlphaBlock {

    private final int channels;
    private final Parameter gamma;

    /**
     * Creates the block.
     *
     * @param channels input channels (at least 8)
     */
    public SelfAttention(int channels) {
        if (channels < 8) {
            throw new IllegalArgumentException(
                    "self-attention needs at least 8 channels, got " + channels);
        }
        this.channels = channels;
        add("query_conv", Layers.conv2d(channels / 8, 1, 1, 0, 1, true));
        add("key_conv", Layers.conv2d(channels / 8, 1, 1, 0, 1, true));
        add("value_conv", Layers.conv2d(channels, 1, 1, 0, 1, true));
        gamma =
                addParameter(
                        ParameterSpecs.trainable(
                                "gamma", Parameter.Type.OTHER, Initializer.ZEROS, new Shape(1)));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "SelfAttention(" + channels + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        long[] s = x.getShape().getShape();
        if (s.length != 4 || s[1] != channels) {
            throw new IllegalArgumentException("expected (N, " + channels + ", H, W)");
        }
        long n = s[2] * s[3];
        NDArray q = call("query_conv", ps, x, training).reshape(s[0], -1, n).transpose(0, 2, 1);
        NDArray k = call("key_conv", ps, x, training).reshape(s[0], -1, n);
        NDArray attention = q.batchMatMul(k).softmax(-1);
        NDArray v = call("value_conv", ps, x, training).reshape(s[0], -1, n);
        NDArray out = v.batchMatMul(attention.transpose(0, 2, 1)).reshape(s);
        return out.mul(ps.getValue(gamma, x.getDevice(), training)).add(x);
    }
}

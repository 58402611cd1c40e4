package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * Squeeze-and-excitation: {@code x * gate(fc2(act(fc1(avgpool(x)))))} with 1x1 convolutions as the
 * fully connected layers (timm's {@code SEModule}; keys {@code fc1.weight}, {@code fc1.bias},
 * {@code fc2.weight}, {@code fc2.bias}).
 *
 * <p>Hu, Shen &amp; Sun, "Squeeze-and-Excitation Networks", CVPR 2018.
 */
public class SqueezeExcite extends AlphaBlock {

    private final int channels;
    private final int reduced;
    private final Activation.Type gate;

    /**
     * Creates an SE block with a ReLU inside and a sigmoid gate.
     *
     * @param channels the input (and output) channel count
     * @param reducedChannels the bottleneck width
     */
    public SqueezeExcite(int channels, int reducedChannels) {
        this(channels, reducedChannels, Activation.Type.SIGMOID);
    }

    /**
     * Creates an SE block.
     *
     * @param channels the input (and output) channel count
     * @param reducedChannels the bottleneck width
     * @param gate the gate activation
     */
    public SqueezeExcite(int channels, int reducedChannels, Activation.Type gate) {
        if (channels < 1 || reducedChannels < 1) {
            throw new IllegalArgumentException(
                    "SE channels must be positive: " + channels + ", " + reducedChannels);
        }
        this.channels = channels;
        this.reduced = reducedChannels;
        this.gate = gate;
        add("fc1", Layers.conv2d(reducedChannels, 1, 1, 0, 1, true));
        add("act", Activation.reluBlock());
        add("fc2", Layers.conv2d(channels, 1, 1, 0, 1, true));
        add("gate", new Activation(gate));
    }

    /**
     * An SE block whose width is {@code makeDivisible(channels * ratio, divisor)}, as timm's {@code
     * rd_ratio} and {@code rd_divisor}.
     *
     * @param channels the channel count
     * @param ratio the reduction ratio, e.g. 1/16
     * @param divisor the rounding divisor, e.g. 8
     * @param roundLimit timm's {@code round_limit} (0 for SE-ResNet, 0.9 by default)
     * @return the block
     */
    public static SqueezeExcite ofRatio(
            int channels, double ratio, int divisor, double roundLimit) {
        return new SqueezeExcite(
                channels, MakeDivisible.of(channels * ratio, divisor, 0, roundLimit));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "SqueezeExcite(" + channels + " -> " + reduced + ", " + gate + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        long[] s = x.getShape().getShape();
        NDArray pooled = x.getNDArrayInternal().globalAvgPool();
        NDArray se = pooled.reshape(s[0], s[1], 1, 1);
        if (se != pooled) {
            pooled.close();
        }
        NDArray gate = chain(ps, se, training, "fc1", "act", "fc2", "gate");
        if (gate != se) {
            se.close();
        }
        NDArray out = x.mul(gate);
        gate.close();
        return out;
    }
}

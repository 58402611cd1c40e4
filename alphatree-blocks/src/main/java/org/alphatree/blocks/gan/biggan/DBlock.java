package org.alphatree.blocks.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * BigGAN's discriminator residual block ({@code layers.DBlock}, wide): with preactivation ReLU(x) →
 * {@code conv1} 3×3 → ReLU → {@code conv2} 3×3 → 2×2 average pooling; shortcut {@code conv_sc}
 * (1×1) then pooling with preactivation, pooling then {@code conv_sc} without (the first block).
 *
 * <p>Brock, Donahue &amp; Simonyan, ICLR 2019, figure 15(c); ajbrock/BigGAN-PyTorch {@code
 * layers.py:DBlock}.
 */
public class DBlock extends AlphaBlock {

    private final boolean preactivation;
    private final boolean downsample;
    private final boolean learnableShortcut;

    /**
     * Creates the block.
     *
     * @param in input channels
     * @param out output channels (also the hidden ones: wide)
     * @param preactivation whether ReLU comes first (all blocks but the first)
     * @param downsample whether to average-pool 2×
     * @param snEps the spectral norms' ε
     */
    public DBlock(int in, int out, boolean preactivation, boolean downsample, float snEps) {
        this.preactivation = preactivation;
        this.downsample = downsample;
        this.learnableShortcut = in != out || downsample;
        add("conv1", SnLayer.conv2d(out, 3, 1, true, snEps));
        add("conv2", SnLayer.conv2d(out, 3, 1, true, snEps));
        if (learnableShortcut) {
            add("conv_sc", SnLayer.conv2d(out, 1, 0, true, snEps));
        }
        describeAs("DBlock(" + in + " -> " + out + (downsample ? ", down 2x" : "") + ")");
    }

    private static NDArray pool(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = preactivation ? Activation.relu(x) : x;
        h = call("conv1", ps, h, training);
        h = call("conv2", ps, Activation.relu(h), training);
        if (downsample) {
            h = pool(h);
        }
        NDArray s = x;
        if (preactivation) {
            if (learnableShortcut) {
                s = call("conv_sc", ps, s, training);
            }
            if (downsample) {
                s = pool(s);
            }
        } else {
            if (downsample) {
                s = pool(s);
            }
            if (learnableShortcut) {
                s = call("conv_sc", ps, s, training);
            }
        }
        return h.add(s);
    }
}

package org.alphatree.blocks.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * BigGAN's generator residual block ({@code layers.GBlock}): inputs (x, y); {@code bn1(x, y)} →
 * ReLU → nearest 2× upsampling (of the shortcut too) → {@code conv1} 3×3 → {@code bn2} → ReLU →
 * {@code conv2} 3×3, plus the shortcut through {@code conv_sc} (1×1) when the channels change or it
 * upsamples. The batch norms are class-conditional ({@link BigGanBatchNorm#conditional}), the
 * convolutions spectrally normalized ({@link SnLayer}).
 *
 * <p>Brock, Donahue &amp; Simonyan, ICLR 2019, figure 15(b); ajbrock/BigGAN-PyTorch {@code
 * layers.py:GBlock}.
 */
public class GBlock extends AlphaBlock {

    private final boolean upsample;
    private final boolean learnableShortcut;

    /**
     * Creates the block.
     *
     * @param in input channels
     * @param out output channels
     * @param conditioning the size of y (shared embedding + z chunk)
     * @param upsample whether to upsample 2×
     * @param bnEps the batch norms' ε
     * @param snEps the spectral norms' ε
     */
    public GBlock(int in, int out, int conditioning, boolean upsample, float bnEps, float snEps) {
        this.upsample = upsample;
        this.learnableShortcut = in != out || upsample;
        add("conv1", SnLayer.conv2d(out, 3, 1, true, snEps));
        add("conv2", SnLayer.conv2d(out, 3, 1, true, snEps));
        if (learnableShortcut) {
            add("conv_sc", SnLayer.conv2d(out, 1, 0, true, snEps));
        }
        add("bn1", BigGanBatchNorm.conditional(in, bnEps, snEps));
        add("bn2", BigGanBatchNorm.conditional(out, bnEps, snEps));
        describeAs("GBlock(" + in + " -> " + out + (upsample ? ", up 2x" : "") + ")");
    }

    /** Nearest-neighbour 2× upsampling ({@code F.interpolate(scale_factor=2)}). */
    static NDArray up(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray y = inputs.get(1);
        NDArray h = Activation.relu(bn("bn1", ps, x, y, training));
        if (upsample) {
            h = up(h);
            x = up(x);
        }
        h = call("conv1", ps, h, training);
        h = Activation.relu(bn("bn2", ps, h, y, training));
        h = call("conv2", ps, h, training);
        if (learnableShortcut) {
            x = call("conv_sc", ps, x, training);
        }
        return new NDList(h.add(x));
    }

    private NDArray bn(String name, ParameterStore ps, NDArray x, NDArray y, boolean training) {
        return call(name, ps, new NDList(x, y), training, null).singletonOrThrow();
    }
}

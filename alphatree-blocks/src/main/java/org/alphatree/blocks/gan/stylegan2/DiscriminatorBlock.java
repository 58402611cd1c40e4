package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * One resolution of StyleGAN2's residual discriminator ({@code DiscriminatorBlock}, architecture
 * 'resnet'): the first block reads the image through {@code fromrgb} (1×1, leaky ReLU); then {@code
 * conv0} (3×3) and {@code conv1} (3×3, 2× FIR down, gain √0.5), plus the shortcut {@code skip}
 * (1×1, 2× down, no bias, linear, gain √0.5), so the sum keeps unit variance.
 *
 * <p>Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020, figure 7
 * (residual discriminator); NVlabs/stylegan2-ada-pytorch {@code
 * training/networks.py:DiscriminatorBlock}.
 */
public class DiscriminatorBlock extends AlphaBlock {

    private static final float SQRT_HALF = (float) Math.sqrt(0.5);

    private final boolean first;

    /**
     * Creates the block.
     *
     * @param in input channels (0 for the first block, which reads the image)
     * @param tmp the block's channels
     * @param out output channels
     * @param imgChannels image channels
     * @param convClamp the clamp (negative: none)
     */
    public DiscriminatorBlock(int in, int tmp, int out, int imgChannels, float convClamp) {
        if (in != 0 && in != tmp) {
            throw new IllegalArgumentException(
                    "DiscriminatorBlock: in must be 0 or the block's channels "
                            + tmp
                            + ", got "
                            + in);
        }
        this.first = in == 0;
        if (first) {
            add("fromrgb", new Conv2dLayer(imgChannels, tmp, 1, 1, true, true, 1f, convClamp));
        }
        add("conv0", new Conv2dLayer(tmp, tmp, 3, 1, true, true, 1f, convClamp));
        add("conv1", new Conv2dLayer(tmp, out, 3, 2, true, true, SQRT_HALF, convClamp));
        add("skip", new Conv2dLayer(tmp, out, 1, 2, false, false, SQRT_HALF, -1));
        describeAs("DiscriminatorBlock(" + tmp + " -> " + out + ")");
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        if (first) {
            x = call("fromrgb", ps, x, training);
        }
        NDArray y = call("skip", ps, x, training);
        NDArray h = call("conv1", ps, call("conv0", ps, x, training), training);
        return y.add(h);
    }
}

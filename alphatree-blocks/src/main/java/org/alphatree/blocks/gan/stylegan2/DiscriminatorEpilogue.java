package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.gan.progan.MinibatchStdDev;

/**
 * StyleGAN2's discriminator epilogue ({@code DiscriminatorEpilogue}, the 4×4 block {@code b4}):
 * {@code mbstd} (minibatch standard deviation, strided groups of {@code min(group, N)}, one
 * feature; omitted when the group is 0) → {@code conv} 3×3 (leaky ReLU) → {@code fc} (C·4·4 → C,
 * leaky ReLU) → {@code out} (C → 1, linear): the score.
 *
 * <p>NVlabs/stylegan2-ada-pytorch {@code training/networks.py:DiscriminatorEpilogue}, {@code
 * MinibatchStdLayer}.
 */
public class DiscriminatorEpilogue extends AlphaBlock {

    private final int channels;
    private final int resolution;

    /**
     * Creates the epilogue.
     *
     * @param channels input channels
     * @param resolution input side (4)
     * @param mbstdGroup the minibatch-stddev group size (0: no such layer)
     * @param convClamp the clamp (negative: none)
     */
    public DiscriminatorEpilogue(int channels, int resolution, int mbstdGroup, float convClamp) {
        this.channels = channels;
        this.resolution = resolution;
        int extra = 0;
        if (mbstdGroup > 0) {
            add("mbstd", new MinibatchStdDev(mbstdGroup));
            extra = 1;
        }
        add("conv", new Conv2dLayer(channels + extra, channels, 3, 1, true, true, 1f, convClamp));
        add("fc", FullyConnectedLayer.builder().setUnits(channels).optLeakyRelu().build());
        add("out", FullyConnectedLayer.builder().setUnits(1).build());
        describeAs("DiscriminatorEpilogue(" + channels + ")");
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        if (x.getShape().dimension() != 4
                || x.getShape().get(1) != channels
                || x.getShape().get(2) != resolution
                || x.getShape().get(3) != resolution) {
            throw new IllegalArgumentException(
                    kind()
                            + ": expected (N, "
                            + channels
                            + ", "
                            + resolution
                            + ", "
                            + resolution
                            + "), got "
                            + x.getShape());
        }
        if (hasChild("mbstd")) {
            x = call("mbstd", ps, x, training);
        }
        x = call("conv", ps, x, training);
        x = call("fc", ps, x.reshape(x.getShape().get(0), -1), training);
        return call("out", ps, x, training);
    }
}

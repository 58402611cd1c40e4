package org.alphatree.blocks.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * Minibatch standard deviation (ProGAN, also StyleGAN's discriminator epilogue): the batch is split
 * into groups of {@code G = min(groupSize, N)} <em>strided</em> samples (TF's reshape to [G, N/G,
 * …]: sample i belongs to group i mod N/G), the biased variance over each group is taken per
 * feature and pixel, {@code sqrt(var + 1e-8)} averaged over channels and pixels, and that one value
 * per group is appended as an extra feature map to every sample of the group. N must be divisible
 * by G (an error otherwise).
 *
 * <p>Karras et al., "Progressive Growing of GANs", ICLR 2018, §3;
 * tkarras/progressive_growing_of_gans {@code networks.py} ({@code minibatch_stddev_layer}).
 */
public class MinibatchStdDev extends AlphaBlock {

    private final int groupSize;

    /**
     * Creates the layer.
     *
     * @param groupSize the largest group (ProGAN: 4)
     */
    public MinibatchStdDev(int groupSize) {
        if (groupSize < 1) {
            throw new IllegalArgumentException(
                    "minibatch stddev: group size must be >= 1, got " + groupSize);
        }
        this.groupSize = groupSize;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "MinibatchStdDev(group " + groupSize + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        long[] s = x.getShape().getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException(
                    kind() + ": expected (N, C, H, W), got " + x.getShape());
        }
        long g = Math.min(groupSize, s[0]);
        if (s[0] % g != 0) {
            throw new IllegalArgumentException(
                    kind() + ": a batch of " + s[0] + " is not divisible by the group size " + g);
        }
        long m = s[0] / g;
        NDArray y = x.reshape(g, m, s[1] * s[2] * s[3]);
        NDArray centred = y.sub(y.mean(new int[] {0}, true));
        NDArray std = centred.mul(centred).mean(new int[] {0}).add(1e-8f).sqrt(); // (M, CHW)
        NDArray perGroup = std.mean(new int[] {1}); // (M)
        NDArray map =
                perGroup.reshape(1, m, 1, 1)
                        .broadcast(g, m, s[2], s[3])
                        .reshape(s[0], 1, s[2], s[3]);
        return NDArrays.concat(new NDList(x, map), 1);
    }
}

package org.alphatree.blocks.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Scalars;

/**
 * Pixelwise feature vector normalization: {@code x · rsqrt(mean_c x² + ε)}, ε = 1e-8, over the
 * channel axis (axis 1) of (N, C, …) — ProGAN's generator normalizes after every convolution and
 * the latent on input; StyleGAN2's {@code normalize_2nd_moment} is the same operation on z.
 *
 * <p>Karras et al., "Progressive Growing of GANs", ICLR 2018, §4.2.
 */
public class PixelNorm extends AlphaBlock {

    /** ProGAN's ε. */
    public static final float EPSILON = 1e-8f;

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "PixelNorm";
    }

    /**
     * The functional form.
     *
     * @param x (N, C, …)
     * @return x normalized over axis 1
     */
    public static NDArray pixelNorm(NDArray x) {
        long c = x.getShape().get(1);
        return x.div(Scalars.div(x.mul(x).sum(new int[] {1}, true), c).add(EPSILON).sqrt());
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(pixelNorm(inputs.singletonOrThrow()));
    }
}

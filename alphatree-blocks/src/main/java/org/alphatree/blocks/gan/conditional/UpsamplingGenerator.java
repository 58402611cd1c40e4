package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.gan.GanNetwork;
import org.alphatree.blocks.layers.Layers;

/**
 * The generator body eriklindernoren's ACGAN and InfoGAN share: {@code l1} projects the input to
 * c0×(S/4)², {@code conv_blocks} upsample it twice to a tanh image.
 */
abstract class UpsamplingGenerator extends AlphaBlock implements GanNetwork {

    private final int c0;
    private final int init;
    private final Signature signature;

    /**
     * Widths {@code c0, c1} of the two upsampling stages, the image's channels and side, then the
     * latent width and the classes of the labels it takes (0: none).
     */
    UpsamplingGenerator(int[] widths, int channels, int size, int latent, int classes) {
        this.signature = Signature.generator(new Shape(channels, size, size), latent, classes);
        this.c0 = widths[0];
        int c1 = widths[1];
        this.init = size / 4;
        Sequential l1 = new Sequential();
        l1.add(Layers.linear(c0 * init * init, true));
        add("l1", l1);
        add("conv_blocks", GanParts.upsamplingConvs(c0, c1, channels));
    }

    /** {@inheritDoc} */
    @Override
    public Signature signature() {
        return signature;
    }

    /** {@code conv_blocks(reshape(l1(v)))}. */
    NDArray project(ai.djl.training.ParameterStore ps, NDArray v, boolean training) {
        NDArray h = call("l1", ps, v, training);
        return call("conv_blocks", ps, h.reshape(v.getShape().get(0), c0, init, init), training);
    }
}

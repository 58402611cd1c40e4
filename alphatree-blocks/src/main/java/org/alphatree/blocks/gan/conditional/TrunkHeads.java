package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.gan.GanNetwork;
import org.alphatree.blocks.layers.Layers;

/**
 * A shared trunk whose flattened features feed several linear heads, one output each: ACGAN's
 * adversarial and auxiliary heads, InfoGAN's adversarial head and Q heads. Each head is a {@code
 * Sequential} holding one linear layer ({@code <head>.0}), as the references' {@code
 * nn.Sequential(nn.Linear(...))}.
 */
public class TrunkHeads extends AlphaBlock {

    private final String trunk;
    private final String[] heads;

    /**
     * eriklindernoren's discriminator: the strided convolution trunk {@code conv_blocks} ({@link
     * GanParts#convTrunk}) with linear heads.
     *
     * @param kind the description
     * @param channels the image's channels
     * @param size the image's side
     * @param widths the four trunk widths
     * @param dropout the trunk's dropout
     * @param heads the heads' names
     * @param sizes each head's outputs
     * @return the discriminator, which keeps the {@link GanNetwork} contract (it takes images only:
     *     the class is predicted, not given)
     */
    static TrunkHeads convTrunk(
            String kind,
            int channels,
            int size,
            int[] widths,
            float dropout,
            String[] heads,
            int... sizes) {
        return new ConvDiscriminator(
                GanNetwork.Signature.discriminator(new Shape(channels, size, size), 0),
                kind,
                GanParts.convTrunk(widths, dropout),
                heads,
                sizes);
    }

    /** eriklindernoren's convolutional discriminator with its heads, on the GAN contract. */
    private static final class ConvDiscriminator extends TrunkHeads implements GanNetwork {
        private final Signature signature;

        ConvDiscriminator(
                Signature signature, String kind, Block trunk, String[] heads, int[] sizes) {
            super(kind, "conv_blocks", trunk, heads, sizes);
            this.signature = signature;
        }

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return signature;
        }
    }

    /**
     * Creates the network.
     *
     * @param kind the name shown in summaries
     * @param trunkName the trunk's child name ({@code conv_blocks})
     * @param trunk the shared trunk
     * @param heads the heads' names, in output order
     * @param sizes the heads' output sizes
     */
    public TrunkHeads(String kind, String trunkName, Block trunk, String[] heads, int[] sizes) {
        if (heads.length == 0 || heads.length != sizes.length) {
            throw new IllegalArgumentException("one size per head expected");
        }
        this.trunk = trunkName;
        this.heads = heads.clone();
        add(trunkName, trunk);
        for (int i = 0; i < heads.length; i++) {
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("head " + heads[i] + ": size must be >= 1");
            }
            Sequential h = new Sequential();
            h.add(Layers.linear(sizes[i], true));
            add(heads[i], h);
        }
        describeAs(kind);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = call(trunk, ps, inputs.singletonOrThrow(), training);
        h = h.reshape(h.getShape().get(0), -1);
        NDList out = new NDList();
        for (String name : heads) {
            out.add(call(name, ps, h, training));
        }
        return out;
    }
}

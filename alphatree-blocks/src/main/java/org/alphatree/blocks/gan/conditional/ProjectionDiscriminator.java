package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.layers.Layers;

/**
 * The projection discriminator (Miyato &amp; Koyama, "cGANs with Projection Discriminator", ICLR
 * 2018): with features φ(x) (N, F) from any {@code trunk}, the logit is {@code linear(φ(x)) + ⟨
 * embed(y), φ(x)⟩}, the class entering as an inner product with a learned embedding (K, F) instead
 * of a concatenation. Inputs (x, y); output (N, 1). Children {@code trunk}, {@code linear}, {@code
 * embed}.
 */
public class ProjectionDiscriminator extends LabelledBlock {

    /**
     * Creates the discriminator.
     *
     * @param trunk maps x to (N, F) features (flattened if it returns more axes)
     * @param features F
     * @param classes K
     */
    public ProjectionDiscriminator(Block trunk, int features, int classes) {
        super("x");
        add("trunk", trunk);
        add("linear", Layers.linear(1, true));
        add("embed", new ClassEmbedding(classes, features));
        describeAs("ProjectionD(" + classes + " classes)");
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardLabelled(
            ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        NDArray h = call("trunk", ps, x, training);
        h = h.reshape(h.getShape().get(0), -1);
        NDArray e = call("embed", ps, labels, training);
        if (e.getShape().get(1) != h.getShape().get(1)) {
            throw new IllegalArgumentException(
                    kind()
                            + ": the trunk gives "
                            + h.getShape().get(1)
                            + " features, the embedding "
                            + e.getShape().get(1));
        }
        NDArray proj = e.mul(h).sum(new int[] {1}, true);
        return call("linear", ps, h, training).add(proj);
    }
}

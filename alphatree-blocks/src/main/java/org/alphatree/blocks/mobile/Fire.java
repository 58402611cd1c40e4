package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.Layers;

/**
 * SqueezeNet's Fire module (torchvision {@code Fire}): a 1x1 {@code squeeze} with ReLU, then the
 * concatenation of a 1x1 and a 3x3 (padding 1) {@code expand}, each followed by ReLU. The two
 * expand ReLUs are applied as one ReLU after the concatenation ({@code expand_activation}), which
 * is the same function element by element and one call fewer. Convolutions have biases.
 *
 * <p>Iandola et al., "SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and &lt;0.5MB
 * model size", arXiv:1602.07360, 2016.
 */
public class Fire extends Branches {

    /**
     * Creates the module.
     *
     * @param squeeze the squeeze width
     * @param expand1x1 the 1x1 expand width
     * @param expand3x3 the 3x3 expand width
     */
    public Fire(int squeeze, int expand1x1, int expand3x3) {
        add("squeeze", Layers.conv2d(squeeze, 1, 1, 0, 1, true));
        add("squeeze_activation", Activation.reluBlock());
        add("expand1x1", Layers.conv2d(expand1x1, 1, 1, 0, 1, true));
        add("expand3x3", Layers.conv2d(expand3x3, 3, 1, 1, 1, true));
        add("expand_activation", Activation.reluBlock());
        forkedBranch(List.of("squeeze", "squeeze_activation"), List.of("expand1x1", "expand3x3"));
        describeAs("Fire(" + squeeze + ", " + expand1x1 + " + " + expand3x3 + ")");
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray cat = super.forwardInternal(ps, inputs, training, params).singletonOrThrow();
        return new NDList(consume("expand_activation", ps, cat, training));
    }
}

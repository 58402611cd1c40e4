package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.Branches;

/**
 * An Inception-ResNet residual function as PolyNet uses it (Cadene {@code BlockA/B/C}): the paths
 * {@code path0}, {@code path1}, ... concatenated, then {@code conv2d}, a 1x1 conv + BN without
 * ReLU. It computes F(x) only; the module around it adds the scaled sum.
 */
public class InceptionResidual extends Branches {

    /**
     * Creates the function.
     *
     * @param name the description ({@code BlockA})
     * @param out the output channels (the module's width)
     * @param paths the paths, in concatenation order
     */
    public InceptionResidual(String name, int out, Block... paths) {
        for (int i = 0; i < paths.length; i++) {
            add("path" + i, paths[i]);
            branch("path" + i);
        }
        add("conv2d", PolyLayers.conv(out, 1, 1, 1, 0, 0, false));
        describeAs(name);
    }

    /** Inception-ResNet-A (35x35, 384 channels). */
    static InceptionResidual a() {
        return new InceptionResidual(
                "BlockA",
                384,
                PolyLayers.seq(
                        PolyLayers.conv(32, 1, 1, 0),
                        PolyLayers.conv(48, 3, 1, 1),
                        PolyLayers.conv(64, 3, 1, 1)),
                PolyLayers.seq(PolyLayers.conv(32, 1, 1, 0), PolyLayers.conv(32, 3, 1, 1)),
                PolyLayers.conv(32, 1, 1, 0));
    }

    /** Inception-ResNet-B (17x17, 1152 channels). */
    static InceptionResidual b() {
        return new InceptionResidual(
                "BlockB",
                1152,
                PolyLayers.seq(
                        PolyLayers.conv(128, 1, 1, 0),
                        PolyLayers.conv(160, 1, 7, 1, 0, 3, true),
                        PolyLayers.conv(192, 7, 1, 1, 3, 0, true)),
                PolyLayers.conv(192, 1, 1, 0));
    }

    /** Inception-ResNet-C (8x8, 2048 channels). */
    static InceptionResidual c() {
        return new InceptionResidual(
                "BlockC",
                2048,
                PolyLayers.seq(
                        PolyLayers.conv(192, 1, 1, 0),
                        PolyLayers.conv(224, 1, 3, 1, 0, 1, true),
                        PolyLayers.conv(256, 3, 1, 1, 1, 0, true)),
                PolyLayers.conv(192, 1, 1, 0));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                consume(
                        "conv2d",
                        ps,
                        super.forwardInternal(ps, inputs, training, params).head(),
                        training));
    }
}

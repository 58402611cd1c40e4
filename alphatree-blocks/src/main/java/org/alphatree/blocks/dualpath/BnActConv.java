package org.alphatree.blocks.dualpath;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNormAct2d;
import org.alphatree.blocks.layers.Layers;

/**
 * DPN's pre-activation unit (timm {@code BnActConv2d}): {@code BN(eps 1e-3) → ReLU → conv}; given a
 * (residual, dense) pair it concatenates them first. Keys {@code bn.*}, {@code conv.*}.
 */
public class BnActConv extends AlphaBlock {

    private final String desc;

    /**
     * Creates the unit.
     *
     * @param out output channels
     * @param kernel kernel size
     * @param stride stride
     * @param groups groups
     */
    public BnActConv(int out, int kernel, int stride, int groups) {
        add("bn", BatchNormAct2d.lazy(1e-3f, 0.1f, Activation.Type.RELU));
        add(
                "conv",
                Layers.conv2d(
                        out, kernel, stride, (stride - 1 + kernel - 1) / 2, 1, groups, false));
        desc =
                "BnActConv("
                        + kernel
                        + "x"
                        + kernel
                        + ", "
                        + out
                        + (stride > 1 ? ", stride " + stride : "")
                        + (groups > 1 ? ", groups " + groups : "")
                        + ")";
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return desc;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        boolean concat = inputs.size() != 1;
        NDArray x = concat ? NDArrays.concat(inputs, 1) : inputs.head();
        NDArray y = chain(ps, x, training, "bn", "conv");
        if (concat && y != x) {
            x.close();
        }
        return new NDList(y);
    }
}

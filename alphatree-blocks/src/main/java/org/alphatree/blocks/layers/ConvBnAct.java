package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * Convolution without bias, batch norm, activation: torchvision's {@code BasicConv2d} (keys {@code
 * conv.weight}, {@code bn.weight}, ...), the unit of GoogLeNet and the Inception family.
 */
public class ConvBnAct extends AlphaBlock {

    private final String desc;

    /**
     * A square-kernel unit with ReLU.
     *
     * @param out output channels
     * @param kernel kernel size
     * @param stride stride
     * @param padding padding
     * @param bnEps batch-norm epsilon (Inception: 0.001)
     */
    public ConvBnAct(int out, int kernel, int stride, int padding, float bnEps) {
        this(out, kernel, kernel, stride, padding, padding, bnEps, Activation.Type.RELU);
    }

    /**
     * A unit with any kernel shape and activation.
     *
     * @param out output channels
     * @param kh kernel height
     * @param kw kernel width
     * @param stride stride
     * @param ph height padding
     * @param pw width padding
     * @param bnEps batch-norm epsilon
     * @param act activation
     */
    public ConvBnAct(
            int out, int kh, int kw, int stride, int ph, int pw, float bnEps, Activation.Type act) {
        add("conv", Layers.conv2dRect(out, kh, kw, stride, ph, pw, false));
        add("bn", new BatchNorm2d(out, bnEps, 0.1f));
        add("act", new Activation(act));
        this.desc =
                "ConvBnAct("
                        + kh
                        + "x"
                        + kw
                        + ", "
                        + out
                        + (stride > 1 ? ", stride " + stride : "")
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
        NDArray x = call("conv", ps, inputs.singletonOrThrow(), training);
        return new NDList(consume("act", ps, consume("bn", ps, x, training), training));
    }
}

package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * MobileNet's depthwise-separable convolution, timm's {@code DepthwiseSeparableConv} without skip
 * or SE: {@code conv_dw} (depthwise 3x3, stride), {@code bn1} (BN + activation), {@code conv_pw}
 * (1x1), {@code bn2} (BN + activation); no biases.
 *
 * <p>Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
 * Applications", arXiv:1704.04861, 2017.
 */
public class DepthwiseSeparableConv extends AlphaBlock {

    private final String desc;

    /**
     * Creates the unit.
     *
     * @param in input channels
     * @param out output channels
     * @param stride the depthwise stride
     * @param act the activation after each BN (timm's {@code mobilenetv1_100}: ReLU6)
     */
    public DepthwiseSeparableConv(int in, int out, int stride, Activation.Type act) {
        add("conv_dw", Layers.conv2d(in, 3, stride, 1, in, false));
        add("bn1", new BatchNormAct2d(in, 1e-5f, 0.1f, act));
        add("conv_pw", Layers.conv2d(out, 1, 1, 0, 1, false));
        add("bn2", new BatchNormAct2d(out, 1e-5f, 0.1f, act));
        this.desc =
                "DepthwiseSeparableConv("
                        + in
                        + " -> "
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
        NDArray x = inputs.singletonOrThrow();
        return new NDList(chain(ps, x, training, "conv_dw", "bn1", "conv_pw", "bn2"));
    }
}

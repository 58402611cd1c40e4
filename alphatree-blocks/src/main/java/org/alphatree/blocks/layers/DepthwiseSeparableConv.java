package org.alphatree.blocks.layers;

import org.alphatree.blocks.core.Sequential;

/**
 * MobileNet's depthwise-separable convolution, timm's {@code DepthwiseSeparableConv} without skip
 * or SE: {@code conv_dw} (depthwise 3x3, stride), {@code bn1} (BN + activation), {@code conv_pw}
 * (1x1), {@code bn2} (BN + activation); no biases.
 *
 * <p>Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
 * Applications", arXiv:1704.04861, 2017.
 */
public class DepthwiseSeparableConv extends Sequential {

    /**
     * Creates the unit.
     *
     * @param in input channels
     * @param out output channels
     * @param stride the depthwise stride
     * @param act the activation after each BN (timm's {@code mobilenetv1_100}: ReLU6)
     */
    public DepthwiseSeparableConv(int in, int out, int stride, Activation.Type act) {
        append("conv_dw", Layers.conv2d(in, 3, stride, 1, in, false));
        append("bn1", new BatchNormAct2d(in, 1e-5f, 0.1f, act));
        append("conv_pw", Layers.conv2d(out, 1, 1, 0, 1, false));
        append("bn2", new BatchNormAct2d(out, 1e-5f, 0.1f, act));
        describeAs(unitKind("DepthwiseSeparableConv", in, out, stride));
    }
}

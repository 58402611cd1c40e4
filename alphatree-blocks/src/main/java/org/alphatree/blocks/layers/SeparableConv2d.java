package org.alphatree.blocks.layers;

import org.alphatree.blocks.core.Sequential;

/**
 * Xception's depthwise-separable convolution: a depthwise k x k convolution ({@code conv1}, one
 * filter per channel) followed directly by a 1x1 pointwise convolution ({@code pointwise}), with no
 * norm or activation between them (timm {@code xception.SeparableConv2d}); no biases.
 *
 * <p>Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", CVPR 2017.
 */
public class SeparableConv2d extends Sequential {

    /**
     * Creates the convolution.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel the depthwise kernel
     * @param stride the depthwise stride
     * @param padding the depthwise padding
     */
    public SeparableConv2d(int in, int out, int kernel, int stride, int padding) {
        append("conv1", Layers.conv2d(in, kernel, stride, padding, in, false));
        append("pointwise", Layers.conv2d(out, 1, 1, 0, 1, false));
        describeAs(unitKind("SeparableConv2d", in, out, stride, kernel + "x" + kernel));
    }
}

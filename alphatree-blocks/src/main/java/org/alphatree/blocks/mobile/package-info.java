/**
 * The guide's light line ("smaller models"): SqueezeNet (Iandola et al. 2016), MobileNet V1 (Howard
 * et al. 2017), V2 (Sandler et al. 2018) and V3 (Howard et al. 2019), MNASNet (Tan et al. 2019),
 * ShuffleNet V1 (Zhang et al. 2018) and V2 (Ma et al. 2018), Xception (Chollet 2017), with their
 * references' module names, built from reusable units: {@link org.alphatree.blocks.mobile.Fire},
 * {@link org.alphatree.blocks.mobile.InvertedResidual} (V2, V3 with a hard-sigmoid SE, MNASNet),
 * {@link org.alphatree.blocks.mobile.ShuffleUnit}, {@link
 * org.alphatree.blocks.mobile.ShuffleV1Unit} and {@link org.alphatree.blocks.mobile.XceptionBlock},
 * over the layer vocabulary's depthwise {@code ConvNormAct}, {@code DepthwiseSeparableConv}, {@code
 * SeparableConv2d}, {@code ChannelShuffle}, hard swish and hard sigmoid, and {@code MakeDivisible}
 * rounding.
 */
package org.alphatree.blocks.mobile;

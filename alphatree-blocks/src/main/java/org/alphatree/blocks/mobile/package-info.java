/**
 * The guide's light line ("smaller models"): SqueezeNet (Iandola et al. 2016), MobileNet V2
 * (Sandler et al. 2018) and V3 (Howard et al. 2019), MNASNet (Tan et al. 2019) and ShuffleNet V2
 * (Ma et al. 2018), with torchvision's module names, built from reusable units: {@link
 * org.alphatree.blocks.mobile.Fire}, {@link org.alphatree.blocks.mobile.InvertedResidual} (V2, V3
 * with a hard-sigmoid SE, MNASNet) and {@link org.alphatree.blocks.mobile.ShuffleUnit}, over the
 * layer vocabulary's depthwise {@code ConvNormAct}, {@code ChannelShuffle}, hard swish and hard
 * sigmoid, and {@code MakeDivisible} rounding.
 */
package org.alphatree.blocks.mobile;

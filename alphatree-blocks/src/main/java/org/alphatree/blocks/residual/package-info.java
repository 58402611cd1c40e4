/**
 * The ResNet line of the guide: ResNet (He et al. 2016), ResNeXt (Xie et al. 2017), wide ResNet,
 * ResNet-D (He et al. 2019) and SE-ResNet (Hu et al. 2018), with torchvision's and timm's module
 * names.
 */
package org.alphatree.blocks.residual;

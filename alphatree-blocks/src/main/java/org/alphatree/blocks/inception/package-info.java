/**
 * The Inception line of the guide: GoogLeNet (Szegedy et al. 2015) and Inception v3 (Szegedy et al.
 * 2016) with their auxiliary heads (torchvision's names), Inception v4 and Inception-ResNet-v2
 * (Szegedy et al. 2017, timm's names), and the FID Inception of pytorch-fid ({@link
 * org.alphatree.blocks.inception.FidInceptionV3}). Every network unit is the shared {@code
 * ConvNormAct} with BN eps 0.001.
 */
package org.alphatree.blocks.inception;

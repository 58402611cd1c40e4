/**
 * The Inception line of the guide: GoogLeNet (Szegedy et al. 2015), Inception v3 (Szegedy et al.
 * 2016) with its auxiliary head, and the FID Inception of pytorch-fid, with torchvision's and
 * pytorch-fid's module names.
 */
package org.alphatree.blocks.inception;

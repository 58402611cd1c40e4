/**
 * GAN building blocks of the guide's GAN levels: an exact transposed convolution, spectral
 * normalization, SAGAN's self-attention and DCGAN's generator and discriminator.
 */
package org.alphatree.blocks.gan;

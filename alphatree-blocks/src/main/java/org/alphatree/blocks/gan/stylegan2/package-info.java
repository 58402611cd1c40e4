/**
 * StyleGAN2 (Karras et al., "Analyzing and Improving the Image Quality of StyleGAN", CVPR 2020):
 * the mapping network with truncation, modulated/demodulated convolutions with noise, the skip
 * generator, the residual discriminator and FIR resampling ({@link
 * org.alphatree.blocks.gan.stylegan2.StyleGan2}), equal to NVlabs/stylegan2-ada-pytorch.
 */
package org.alphatree.blocks.gan.stylegan2;

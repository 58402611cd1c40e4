/**
 * BigGAN (Brock, Donahue &amp; Simonyan, "Large Scale GAN Training for High Fidelity Natural Image
 * Synthesis", ICLR 2019): BigGAN's spectral norm, class-conditional batch norm with a shared
 * embedding and hierarchical latents, residual G and D blocks, its self-attention and the
 * projection discriminator ({@link org.alphatree.blocks.gan.biggan.BigGan}), equal to
 * ajbrock/BigGAN-PyTorch.
 */
package org.alphatree.blocks.gan.biggan;

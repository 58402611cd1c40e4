/**
 * Conditional GANs and InfoGAN: a class embedding, CGAN's concatenation (Mirza &amp; Osindero
 * 2014), ACGAN's auxiliary classifier (Odena, Olah &amp; Shlens 2017), the projection discriminator
 * (Miyato &amp; Koyama 2018) and InfoGAN's Q heads on the discriminator's trunk (Chen et al. 2016),
 * with the module names of eriklindernoren/PyTorch-GAN's implementations. Discriminators return
 * logits.
 */
package org.alphatree.blocks.gan.conditional;

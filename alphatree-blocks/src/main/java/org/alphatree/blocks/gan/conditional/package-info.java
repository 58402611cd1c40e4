/**
 * Conditional GANs and InfoGAN: a class embedding, CGAN's concatenation (Mirza &amp; Osindero
 * 2014), ACGAN's auxiliary classifier (Odena, Olah &amp; Shlens 2017), the projection discriminator
 * (Miyato &amp; Koyama 2018) and InfoGAN's Q heads on the discriminator's trunk (Chen et al. 2016),
 * with the module names of eriklindernoren/PyTorch-GAN's implementations. Discriminators return
 * logits.
 *
 * <p>The generators and discriminators of {@link org.alphatree.blocks.gan.conditional.Cgan}, {@link
 * org.alphatree.blocks.gan.conditional.Acgan} and {@link
 * org.alphatree.blocks.gan.conditional.InfoGan} keep the {@link
 * org.alphatree.blocks.gan.GanNetwork} contract: CGAN's take labels (their {@code numClasses} is
 * K); ACGAN's discriminator and both InfoGAN networks take none (ACGAN and InfoGAN predict the
 * class, and InfoGAN's generator reads it from its concatenated latent). The {@link
 * org.alphatree.blocks.gan.conditional.ProjectionDiscriminator} wraps any trunk, so it has no image
 * shape of its own and stays outside the contract.
 */
package org.alphatree.blocks.gan.conditional;

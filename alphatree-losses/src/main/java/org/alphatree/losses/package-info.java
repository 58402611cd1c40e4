/**
 * GAN losses for DJL (Goodfellow et al. 2014; Mao et al., LSGAN, 2017; Arjovsky et al., WGAN, 2017;
 * Gulrajani et al., WGAN-GP, 2017), with torch-style reductions.
 */
package org.alphatree.losses;

/**
 * The architecture parts of "Improved Techniques for Training GANs" (Salimans, Goodfellow, Zaremba,
 * Cheung, Radford &amp; Chen, NeurIPS 2016): minibatch discrimination and virtual batch
 * normalization, as openai/improved-gan computes them. Feature matching, one-sided label smoothing
 * and historical averaging are losses ({@code org.alphatree.losses}).
 */
package org.alphatree.blocks.gan.improved;

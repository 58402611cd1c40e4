/**
 * ProGAN (Karras, Aila, Laine &amp; Lehtinen, "Progressive Growing of GANs for Improved Quality,
 * Stability, and Variation", ICLR 2018): equalized-learning-rate convolutions and dense layers,
 * pixel norm, minibatch standard deviation, and the paper's generator and discriminator with a
 * level of detail for progressive growing ({@link org.alphatree.blocks.gan.progan.ProGan}).
 */
package org.alphatree.blocks.gan.progan;

/**
 * The dense line of the guide: DenseNet (Huang et al. 2017) with torchvision's module names: dense
 * layers, dense blocks, transitions.
 */
package org.alphatree.blocks.dense;

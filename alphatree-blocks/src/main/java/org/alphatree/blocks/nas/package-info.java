/**
 * The end of the guide's classification line, networks found by search or built from many
 * structures: PolyNet (Zhang et al. 2017), with the module names of Cadene's port — its poly-3
 * modules ({@link org.alphatree.blocks.nas.PolyModule}, a convolution shared by the orders with one
 * BatchNorm per order) and multi-way modules ({@link org.alphatree.blocks.nas.MultiWay}).
 */
package org.alphatree.blocks.nas;

/**
 * The shared layer vocabulary every family builds on: batch norm with PyTorch semantics,
 * activations, pooling, squeeze-excitation, identity, and PyTorch-configured conv/linear factories.
 */
package org.alphatree.blocks.layers;

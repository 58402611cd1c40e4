/** Weight interop with PyTorch: state_dict key names and array files. */
package org.alphatree.blocks.weights;

/**
 * Dual Path Networks (Chen et al. 2017): a residual path and a dense path in one block, with timm's
 * module names.
 */
package org.alphatree.blocks.dualpath;

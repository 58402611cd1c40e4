/** Per-layer summaries of blocks: output shapes, parameter counts and MACs. */
package org.alphatree.blocks.summary;

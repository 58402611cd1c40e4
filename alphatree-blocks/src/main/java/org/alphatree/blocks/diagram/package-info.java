/** Pictures of networks, drawn from the blocks themselves: series-parallel SVG and Graphviz DOT. */
package org.alphatree.blocks.diagram;

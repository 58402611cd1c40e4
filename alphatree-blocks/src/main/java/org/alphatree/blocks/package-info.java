/**
 * AlphaTree: exact DJL blocks and networks of the classic families. Start with {@link
 * org.alphatree.blocks.AlphaTree}.
 */
package org.alphatree.blocks;

/**
 * The composite-block machinery: {@link org.alphatree.blocks.core.AlphaBlock} (reference child
 * names, initialization and shapes derived from the forward pass), {@link
 * org.alphatree.blocks.core.Sequential}, tracing and block-path errors.
 */
package org.alphatree.blocks.core;

/** Process-level runtime settings for the PyTorch engine (native allocator tuning). */
package org.alphatree.blocks.runtime;

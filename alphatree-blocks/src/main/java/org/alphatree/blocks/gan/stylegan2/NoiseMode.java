package org.alphatree.blocks.gan.stylegan2;

/** Where a synthesis layer's noise comes from (the reference's {@code noise_mode}). */
public enum NoiseMode {
    /** Fresh N(0, 1) noise of shape (N, 1, H, W) at every forward (the default). */
    RANDOM,
    /** The layer's stored {@code noise_const} buffer (H, W): repeatable images. */
    CONST,
    /** No noise. */
    NONE
}

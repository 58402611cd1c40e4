package org.alphatree.jmh;

import org.openjdk.jmh.annotations.Param;

/**
 * The parameters the block and network benchmarks share: batch 1 and 8, with and without the native
 * allocator tuning, on the CPU ({@code -p device=gpu} where libtorch sees one).
 */
public abstract class TrialParams extends NativeState {

    /** The batch size. */
    @Param({"1", "8"})
    public int batch;

    /** Whether the native allocator tuning is applied ({@code NativeAllocator.tune()}). */
    @Param({"true", "false"})
    public boolean tuning;

    /** The device kind: cpu or gpu. */
    @Param({"cpu"})
    public String device;
}

package org.alphatree.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import org.alphatree.blocks.layers.Fusion;
import org.alphatree.blocks.runtime.ChannelsLast;
import picocli.CommandLine.Option;

/** The inference fast path of {@code bench} and {@code forward}: channels last, conv+BN folded. */
final class FastPathOptions {

    @Option(
            names = "--channels-last",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Run the input channels last, libtorch's faster CPU layout (default;"
                            + " --no-channels-last for NCHW); outputs agree to rounding.")
    boolean channelsLast;

    @Option(
            names = "--fuse",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Fold conv+BN units into one convolution (default; --no-fuse keeps them);"
                            + " outputs agree to rounding.")
    boolean fuse;

    /** Folds the network's conv+BN units when chosen; returns how many. */
    int fold(Block initialized) {
        return fuse ? Fusion.fuse(initialized) : 0;
    }

    /** The input in the chosen layout. */
    NDArray input(NDArray x) {
        return channelsLast ? ChannelsLast.of(x) : x;
    }
}

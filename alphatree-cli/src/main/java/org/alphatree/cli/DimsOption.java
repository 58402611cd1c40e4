package org.alphatree.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --dims} option of {@code fid}, {@code fid-stats} and {@code kid}: which FID Inception
 * block the features come from (pytorch-fid's {@code --dims}).
 */
final class DimsOption {

    @Option(
            names = "--dims",
            defaultValue = "2048",
            description = "Feature dimension: 64, 192, 768 or 2048 (default: ${DEFAULT-VALUE}).")
    int dims;

    /**
     * Returns the dimension, checked before any work starts.
     *
     * @return 64, 192, 768 or 2048
     * @throws IllegalArgumentException for another value
     */
    int get() {
        Outputs.checkDims(dims);
        return dims;
    }
}

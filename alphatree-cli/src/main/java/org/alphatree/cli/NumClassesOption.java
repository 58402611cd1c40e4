package org.alphatree.cli;

import ai.djl.nn.Block;
import org.alphatree.blocks.registry.ModelInfo;
import picocli.CommandLine.Option;

/** The {@code --num-classes} option of the commands that build a registered network. */
final class NumClassesOption {

    @Option(
            names = "--num-classes",
            description =
                    "Classifier outputs (default: the reference's, 1000 or 1008 for"
                            + " fid_inception_v3; 0: headless, the pooled features).")
    Integer numClasses;

    /**
     * Checks the value before any work starts.
     *
     * @throws IllegalArgumentException if it is negative
     */
    void validate() {
        if (numClasses != null && numClasses < 0) {
            throw new IllegalArgumentException(
                    "--num-classes must be >= 0 (0: headless), got " + numClasses);
        }
    }

    /**
     * Builds the network with the requested classes, or the reference's.
     *
     * @param info the registry entry
     * @return a new network
     */
    Block build(ModelInfo info) {
        validate();
        return numClasses == null ? info.build() : info.build(numClasses);
    }
}

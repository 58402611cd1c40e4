package org.alphatree.blocks.weights;

import java.util.List;

/**
 * What loading a state_dict into a block found.
 *
 * @param loaded keys loaded
 * @param missing block parameters the state_dict lacks
 * @param unexpected state_dict keys the block lacks
 * @param mismatched {@code key: expected shape vs file shape} descriptions
 */
public record LoadReport(
        List<String> loaded,
        List<String> missing,
        List<String> unexpected,
        List<String> mismatched) {

    /**
     * Returns whether every parameter was loaded and nothing was left over.
     *
     * @return true if clean
     */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /**
     * Describes every problem, one per line.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!missing.isEmpty()) {
            sb.append("missing keys (")
                    .append(missing.size())
                    .append("): ")
                    .append(String.join(", ", missing))
                    .append('\n');
        }
        if (!unexpected.isEmpty()) {
            sb.append("unexpected keys (")
                    .append(unexpected.size())
                    .append("): ")
                    .append(String.join(", ", unexpected))
                    .append('\n');
        }
        if (!mismatched.isEmpty()) {
            sb.append("shape mismatches (")
                    .append(mismatched.size())
                    .append("): ")
                    .append(String.join("; ", mismatched))
                    .append('\n');
        }
        return sb.toString().trim();
    }
}

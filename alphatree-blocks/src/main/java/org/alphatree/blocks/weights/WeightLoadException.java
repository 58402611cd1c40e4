package org.alphatree.blocks.weights;

/** A strict load found missing keys, unexpected keys or shape mismatches; nothing was changed. */
public class WeightLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient LoadReport report;

    /**
     * Creates the exception.
     *
     * @param report every problem found
     */
    public WeightLoadException(LoadReport report) {
        super("weights do not match the block:\n" + report.describe());
        this.report = report;
    }

    /**
     * Returns the report.
     *
     * @return the report
     */
    public LoadReport getReport() {
        return report;
    }
}

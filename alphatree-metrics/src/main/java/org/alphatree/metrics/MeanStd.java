package org.alphatree.metrics;

/**
 * A metric reported over splits or subsets, as torch-fidelity prints it: the mean and the
 * population standard deviation (numpy's {@code np.std} default) of the per-split values. The
 * Inception Score and the KID return it.
 *
 * @param mean the mean
 * @param std the population standard deviation
 */
public record MeanStd(double mean, double std) {

    /**
     * Summarizes per-split values.
     *
     * @param values one value per split, at least one
     * @return their mean and population standard deviation
     * @throws IllegalArgumentException if there are no values
     */
    public static MeanStd of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new MeanStd(mean, Math.sqrt(var / values.length));
    }
}

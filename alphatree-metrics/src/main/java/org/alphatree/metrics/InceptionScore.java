package org.alphatree.metrics;

import java.util.Random;

/**
 * The Inception Score from class logits, with torch-fidelity's conventions: softmax in float64,
 * {@code splits} consecutive row ranges {@code [k·N/splits, (k+1)·N/splits)}, per split {@code
 * exp(mean_x KL(p(y|x) ‖ p(y)))}, then the mean and the population standard deviation over splits;
 * optional shuffling with a seed.
 *
 * <p>Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016.
 */
public final class InceptionScore {
    private InceptionScore() {}

    /**
     * Computes the score.
     *
     * @param logits row-major n×c logits
     * @param n rows
     * @param c classes
     * @param splits number of splits (10 by convention)
     * @param shuffleSeed seed for shuffling the rows first, or null for no shuffling
     * @return mean and std
     */
    public static MeanStd compute(double[] logits, int n, int c, int splits, Long shuffleSeed) {
        if ((long) n * c != logits.length || n < 1 || c < 1) {
            throw new IllegalArgumentException(
                    "expected " + n + " x " + c + " logits, got " + logits.length);
        }
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("splits must be in [1, " + n + "], got " + splits);
        }
        for (int i = 0; i < logits.length; i++) {
            if (!Double.isFinite(logits[i])) {
                throw new IllegalArgumentException(
                        "logit " + i % c + " of sample " + i / c + " is " + logits[i]);
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffleSeed != null) {
            Random r = new Random(shuffleSeed);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        double[] p = new double[logits.length];
        for (int i = 0; i < n; i++) {
            int off = order[i] * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, logits[off + k]);
            }
            double z = 0;
            for (int k = 0; k < c; k++) {
                z += Math.exp(logits[off + k] - max);
            }
            for (int k = 0; k < c; k++) {
                p[i * c + k] = Math.exp(logits[off + k] - max) / z;
            }
        }
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[] py = new double[c];
            for (int i = from; i < to; i++) {
                for (int k = 0; k < c; k++) {
                    py[k] += p[i * c + k];
                }
            }
            for (int k = 0; k < c; k++) {
                py[k] /= (to - from);
            }
            double kl = 0;
            for (int i = from; i < to; i++) {
                for (int k = 0; k < c; k++) {
                    double pk = p[i * c + k];
                    if (pk > 0) {
                        kl += pk * (Math.log(pk) - Math.log(py[k]));
                    }
                }
            }
            scores[s] = Math.exp(kl / (to - from));
        }
        return MeanStd.of(scores);
    }
}

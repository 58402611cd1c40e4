package org.alphatree.metrics;

import java.util.Random;

/**
 * The Kernel Inception Distance with torch-fidelity's conventions: the unbiased MMD² estimator with
 * the polynomial kernel {@code k(x, y) = (γ xᵀy + coef)^degree} (γ = 1/d, coef 1, degree 3),
 * averaged over random subsets (100 subsets of 1000 samples, drawn without replacement with a
 * seed), reported as mean and standard deviation.
 *
 * <p>Bińkowski, Sutherland, Arbel &amp; Gretton, "Demystifying MMD GANs", ICLR 2018.
 */
public final class KernelInceptionDistance {
    private KernelInceptionDistance() {}

    /**
     * Computes the KID over random subsets.
     *
     * @param x row-major n×d features of the first set
     * @param n rows of x
     * @param y row-major m×d features of the second set
     * @param m rows of y
     * @param d dimensions
     * @param subsets number of subsets (100)
     * @param subsetSize samples per subset (1000; at most min(n, m))
     * @param seed subset seed
     * @return mean and std
     */
    public static MeanStd compute(
            double[] x, int n, double[] y, int m, int d, int subsets, int subsetSize, long seed) {
        check(x, n, d, "first");
        check(y, m, d, "second");
        if (subsets < 1) {
            throw new IllegalArgumentException("subsets must be positive");
        }
        if (subsetSize < 2 || subsetSize > Math.min(n, m)) {
            throw new IllegalArgumentException(
                    "subset size " + subsetSize + " must be in [2, " + Math.min(n, m) + "]");
        }
        Random r = new Random(seed);
        double[] values = new double[subsets];
        double[] xs = new double[subsetSize * d];
        double[] ys = new double[subsetSize * d];
        for (int s = 0; s < subsets; s++) {
            pick(x, n, d, subsetSize, r, xs);
            pick(y, m, d, subsetSize, r, ys);
            values[s] = mmd2Unbiased(xs, ys, subsetSize, d, 1.0 / d, 1.0, 3);
        }
        return MeanStd.of(values);
    }

    private static void check(double[] a, int n, int d, String which) {
        if ((long) n * d != a.length || d < 1) {
            throw new IllegalArgumentException(
                    "the "
                            + which
                            + " set: expected "
                            + n
                            + " x "
                            + d
                            + " features, got "
                            + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(
                        "the "
                                + which
                                + " set: feature "
                                + i % d
                                + " of sample "
                                + i / d
                                + " is "
                                + a[i]);
            }
        }
    }

    private static void pick(double[] src, int n, int d, int k, Random r, double[] dst) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            System.arraycopy(src, idx[i] * d, dst, i * d, d);
        }
    }

    /**
     * The unbiased MMD² between two equally sized samples: {@code (ΣK_XX − diag)/(m(m−1)) + (ΣK_YY
     * − diag)/(m(m−1)) − 2 ΣK_XY / m²}.
     *
     * @param x row-major m×d
     * @param y row-major m×d
     * @param m rows
     * @param d dimensions
     * @param gamma kernel scale
     * @param coef kernel offset
     * @param degree kernel degree
     * @return MMD²
     */
    public static double mmd2Unbiased(
            double[] x, double[] y, int m, int d, double gamma, double coef, int degree) {
        double kxx = 0;
        double kyy = 0;
        double kxy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    kxx += kernel(x, i, x, j, d, gamma, coef, degree);
                    kyy += kernel(y, i, y, j, d, gamma, coef, degree);
                }
                kxy += kernel(x, i, y, j, d, gamma, coef, degree);
            }
        }
        return (kxx + kyy) / ((double) m * (m - 1)) - 2 * kxy / ((double) m * m);
    }

    private static double kernel(
            double[] a, int i, double[] b, int j, int d, double gamma, double coef, int degree) {
        double dot = 0;
        int oa = i * d;
        int ob = j * d;
        for (int k = 0; k < d; k++) {
            dot += a[oa + k] * b[ob + k];
        }
        return Math.pow(gamma * dot + coef, degree);
    }
}

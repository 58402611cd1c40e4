package org.alphatree.metrics;

import java.io.Serializable;

/**
 * Streaming first and second moments of feature vectors in float64: the count {@code n}, {@code Σx}
 * and {@code Σxxᵀ}. Accumulators merge exactly (the sums add), so statistics computed in pieces or
 * on several machines combine into those of the whole set. The covariance is the unbiased one
 * ({@code n - 1}), as {@code numpy.cov} in pytorch-fid.
 *
 * <p>Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash
 * Equilibrium", NeurIPS 2017 (FID).
 */
public final class FeatureStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dims;
    private long n;
    private final double[] sum;
    private final double[] sumSq; // upper triangle used, row-major dims x dims

    /**
     * Creates an empty accumulator.
     *
     * @param dims the feature dimension
     */
    public FeatureStatistics(int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dims must be positive, got " + dims);
        }
        this.dims = dims;
        this.sum = new double[dims];
        this.sumSq = new double[dims * dims];
    }

    /**
     * Returns the feature dimension.
     *
     * @return dims
     */
    public int dims() {
        return dims;
    }

    /**
     * Returns the number of vectors accumulated.
     *
     * @return n
     */
    public long count() {
        return n;
    }

    /**
     * Adds feature vectors, row-major {@code rows x dims}.
     *
     * @param features the features
     * @param rows the number of vectors
     * @throws IllegalArgumentException on a size mismatch or a NaN/infinite feature
     */
    public void add(float[] features, int rows) {
        if ((long) rows * dims != features.length) {
            throw new IllegalArgumentException(
                    "expected " + rows + " x " + dims + " features, got " + features.length);
        }
        for (int r = 0; r < rows; r++) {
            int off = r * dims;
            for (int i = 0; i < dims; i++) {
                float v = features[off + i];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "feature " + i + " of vector " + (n + r) + " is " + v);
                }
            }
        }
        double[] row = new double[dims];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dims; i++) {
                row[i] = features[r * dims + i];
            }
            accumulate(row, 0);
        }
        n += rows;
    }

    /**
     * Adds feature vectors given in double precision, row-major {@code rows x dims}.
     *
     * @param features the features
     * @param rows the number of vectors
     */
    public void add(double[] features, int rows) {
        if ((long) rows * dims != features.length) {
            throw new IllegalArgumentException(
                    "expected " + rows + " x " + dims + " features, got " + features.length);
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException(
                        "feature "
                                + i % dims
                                + " of vector "
                                + (n + i / dims)
                                + " is "
                                + features[i]);
            }
        }
        for (int r = 0; r < rows; r++) {
            accumulate(features, r * dims);
        }
        n += rows;
    }

    /** Adds one vector, {@code x[off .. off + dims)}, to the sums (upper triangle of Σ x xᵀ). */
    private void accumulate(double[] x, int off) {
        for (int i = 0; i < dims; i++) {
            double xi = x[off + i];
            sum[i] += xi;
            int row = i * dims;
            for (int j = i; j < dims; j++) {
                sumSq[row + j] += xi * x[off + j];
            }
        }
    }

    /**
     * Adds another accumulator's vectors to this one.
     *
     * @param other statistics of the same dimension
     */
    public void merge(FeatureStatistics other) {
        if (other.dims != dims) {
            throw new IllegalArgumentException(
                    "cannot merge statistics of " + other.dims + " dims into " + dims);
        }
        for (int i = 0; i < dims; i++) {
            sum[i] += other.sum[i];
        }
        for (int i = 0; i < sumSq.length; i++) {
            sumSq[i] += other.sumSq[i];
        }
        n += other.n;
    }

    /**
     * Returns the mean vector.
     *
     * @return the mean
     */
    public double[] mean() {
        requireAtLeast(1);
        double[] mu = new double[dims];
        for (int i = 0; i < dims; i++) {
            mu[i] = sum[i] / n;
        }
        return mu;
    }

    /**
     * Returns the unbiased covariance, row-major {@code dims x dims}.
     *
     * @return the covariance
     */
    public double[] covariance() {
        requireAtLeast(2);
        double[] mu = mean();
        double[] cov = new double[dims * dims];
        for (int i = 0; i < dims; i++) {
            for (int j = i; j < dims; j++) {
                double c = (sumSq[i * dims + j] - n * mu[i] * mu[j]) / (n - 1);
                cov[i * dims + j] = c;
                cov[j * dims + i] = c;
            }
        }
        return cov;
    }

    private void requireAtLeast(long k) {
        if (n < k) {
            throw new IllegalStateException("need at least " + k + " feature vectors, have " + n);
        }
    }
}

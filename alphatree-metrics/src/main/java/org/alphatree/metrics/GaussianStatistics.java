package org.alphatree.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alphatree.blocks.weights.Npy;

/**
 * A mean and covariance, as pytorch-fid's {@code .npz} statistics files hold them ({@code mu},
 * {@code sigma}), so precomputed reference statistics interoperate.
 *
 * @param mu the mean, length d
 * @param sigma the covariance, row-major d×d
 */
public record GaussianStatistics(double[] mu, double[] sigma) {

    /** Validates the sizes. */
    public GaussianStatistics {
        if ((long) mu.length * mu.length != sigma.length) {
            throw new IllegalArgumentException(
                    "mu has " + mu.length + " entries but sigma " + sigma.length);
        }
    }

    /**
     * The statistics of accumulated features.
     *
     * @param s the accumulator (at least 2 vectors)
     * @return mean and unbiased covariance
     */
    public static GaussianStatistics of(FeatureStatistics s) {
        return new GaussianStatistics(s.mean(), s.covariance());
    }

    /**
     * Reads a pytorch-fid statistics file.
     *
     * @param path the {@code .npz} with {@code mu} and {@code sigma}
     * @return the statistics
     * @throws IOException if missing or malformed
     */
    public static GaussianStatistics read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "statistics file not found");
        }
        Map<String, Npy.Array> arrays = Npy.readNpz(path, Integer.MAX_VALUE - 16);
        Npy.Array mu = arrays.get("mu");
        Npy.Array sigma = arrays.get("sigma");
        if (mu == null || sigma == null) {
            throw new IOException(path + " lacks 'mu' or 'sigma' (has " + arrays.keySet() + ")");
        }
        if (mu.shape().length != 1
                || sigma.shape().length != 2
                || sigma.shape()[0] != mu.shape()[0]
                || sigma.shape()[1] != mu.shape()[0]) {
            throw new IOException(path + ": mu and sigma shapes do not match");
        }
        return new GaussianStatistics(mu.data(), sigma.data());
    }

    /**
     * Writes the statistics as pytorch-fid does ({@code mu}, {@code sigma}, float64).
     *
     * @param path the {@code .npz} to write
     * @throws IOException on a write error
     */
    public void write(Path path) throws IOException {
        Map<String, Map.Entry<long[], double[]>> arrays = new LinkedHashMap<>();
        arrays.put("mu", new AbstractMap.SimpleEntry<>(new long[] {mu.length}, mu));
        arrays.put(
                "sigma", new AbstractMap.SimpleEntry<>(new long[] {mu.length, mu.length}, sigma));
        try (OutputStream out = Files.newOutputStream(path)) {
            Npy.writeNpz(out, arrays);
        }
    }

    /**
     * Returns the dimension.
     *
     * @return d
     */
    public int dims() {
        return mu.length;
    }
}

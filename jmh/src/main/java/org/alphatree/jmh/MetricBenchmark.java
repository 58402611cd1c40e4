package org.alphatree.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.alphatree.metrics.FrechetDistance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Fréchet distance between two random covariances (the FID's math), through libtorch's LAPACK
 * (the default where the PyTorch engine is present) and through EJML (the pure-Java fallback), so
 * the report shows one as a ratio of the other measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class MetricBenchmark {

    @Param({"256", "2048"})
    public int dims;

    /** {@code libtorch} (the default route) or {@code ejml} ({@code -Dalphatree.fid.backend}). */
    @Param({"libtorch", "ejml"})
    public String backend;

    private double[] mu1;
    private double[] mu2;
    private double[] s1;
    private double[] s2;

    private static double[] covariance(int d, long seed) {
        Random r = new Random(seed);
        int n = d + 16;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] c = new double[d * d];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                double xi = x[k * d + i];
                for (int j = i; j < d; j++) {
                    c[i * d + j] += xi * x[k * d + j] / (n - 1);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                c[i * d + j] = c[j * d + i];
            }
        }
        return c;
    }

    /** Random positive-definite covariances. */
    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("alphatree.fid.backend", backend.equals("ejml") ? "ejml" : "auto");
        mu1 = new double[dims];
        mu2 = new double[dims];
        mu2[0] = 1;
        s1 = covariance(dims, 1);
        s2 = covariance(dims, 2);
    }

    /**
     * One Fréchet distance.
     *
     * @return the distance
     */
    @Benchmark
    public double frechetDistance() {
        return FrechetDistance.compute(mu1, s1, mu2, s2).value();
    }
}

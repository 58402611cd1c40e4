package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.weights.Weights;
import org.alphatree.metrics.GaussianStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fid-stats on one JVM and on Spark local[2] through the real CLI: the same statistics. */
class FidStatsCliTest {

    private static final String IMAGES =
            Path.of("../alphatree-metrics/src/test/resources/fixtures/images").toString();

    @TempDir Path tmp;

    static double maxRel(double[] x, double[] y) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(y[i]));
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
        }
        return diff / scale;
    }

    @Test
    void sparkLocalAndOneJvmWriteTheSameStatistics() throws Exception {
        Path weights = tmp.resolve("fid.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            FidInceptionV3 net = FidInceptionV3.create();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 299, 299));
            DeterministicWeights.fill(net);
            Weights.exportSafetensors(net, weights);
        }
        String w = weights.toString();
        Path one = tmp.resolve("one.npz");
        Path spark = tmp.resolve("spark.npz");
        MainTest.Result r =
                MainTest.run(
                        "fid-stats", "--weights", w, "--dims", "64", IMAGES, "-o", one.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("one JVM"), r.out());
        MainTest.Result s =
                MainTest.run(
                        "fid-stats",
                        "--spark",
                        "local[2]",
                        "--partitions",
                        "3",
                        "--weights",
                        w,
                        "--dims",
                        "64",
                        IMAGES,
                        "-o",
                        spark.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("Spark local[2], 3 partitions, aggregation depth 2"), s.out());
        GaussianStatistics a = GaussianStatistics.read(one);
        GaussianStatistics b = GaussianStatistics.read(spark);
        assertTrue(maxRel(b.mu(), a.mu()) < 1e-12 && maxRel(b.sigma(), a.sigma()) < 1e-12);
    }

    @Test
    void sparkOptionsNeedSpark() {
        MainTest.Result r =
                MainTest.run(
                        "fid-stats", "--skip-bad", IMAGES, "-o", tmp.resolve("x.npz").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("need --spark"), r.err());
    }
}

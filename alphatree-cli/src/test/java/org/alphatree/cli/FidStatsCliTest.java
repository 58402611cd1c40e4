package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.TestWeights;
import org.alphatree.metrics.GaussianStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fid-stats on one JVM and on Spark local[2] through the real CLI: the same statistics. */
class FidStatsCliTest {

    private static final String IMAGES =
            Path.of("../alphatree-metrics/src/test/resources/fixtures/images").toString();

    @TempDir Path tmp;

    @Test
    void sparkLocalAndOneJvmWriteTheSameStatistics() throws Exception {
        String w =
                TestWeights.export(
                                FidInceptionV3.create(),
                                new Shape(1, 3, 299, 299),
                                tmp.resolve("fid.safetensors"))
                        .toString();
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
        assertTrue(
                Fixtures.relError(a.mu(), b.mu()) < 1e-12
                        && Fixtures.relError(a.sigma(), b.sigma()) < 1e-12);
        // the TF1 preprocessing runs on Spark too, and differs from pytorch-fid's
        Path tf = tmp.resolve("tf.npz");
        Path tfSpark = tmp.resolve("tf-spark.npz");
        MainTest.Result one1 =
                MainTest.run(
                        "fid-stats",
                        "--preprocess",
                        "tf",
                        "--weights",
                        w,
                        "--dims",
                        "64",
                        IMAGES,
                        "-o",
                        tf.toString());
        assertEquals(0, one1.code(), one1.err());
        MainTest.Result t =
                MainTest.run(
                        "fid-stats",
                        "--spark",
                        "local[2]",
                        "--preprocess",
                        "tf",
                        "--weights",
                        w,
                        "--dims",
                        "64",
                        IMAGES,
                        "-o",
                        tfSpark.toString());
        assertEquals(0, t.code(), t.err());
        GaussianStatistics c = GaussianStatistics.read(tf);
        GaussianStatistics d = GaussianStatistics.read(tfSpark);
        assertTrue(Fixtures.relError(c.sigma(), d.sigma()) < 1e-12);
        assertTrue(Fixtures.relError(a.mu(), c.mu()) > 1e-6, "the modes differ");
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

package org.alphatree.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.testing.TestWeights;
import org.alphatree.metrics.FeatureExtraction;
import org.alphatree.metrics.FeatureStatistics;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.FrechetDistance;
import org.alphatree.metrics.GaussianStatistics;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.metrics.Preprocessing;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in {@code local[2]} (two task threads, two attempts per task) against the
 * single-machine statistics, with the FID network of deterministic weights.
 */
class SparkFeatureStatisticsTest {

    static final int IMAGES = 72;
    static final int DIMS = 64;

    @TempDir static Path tmp;
    static Path weights;
    static Path a;
    static Path b;
    static SparkSession spark;
    static JavaSparkContext sc;
    static FidInception single;

    static void images(Path dir, long seed, int n) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            int w = 40 + r.nextInt(40);
            int h = 40 + r.nextInt(40);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int base = r.nextInt(1 << 24);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(
                            x, y, base ^ (r.nextInt(1 << 24) & (seed == 1 ? 0x3f3f3f : 0xffffff)));
                }
            }
            ImageIO.write(
                    img,
                    i % 3 == 0 ? "jpg" : "png",
                    dir.resolve(String.format("img%03d.%s", i, i % 3 == 0 ? "jpg" : "png"))
                            .toFile());
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        weights =
                TestWeights.export(
                        FidInceptionV3.create(),
                        new Shape(1, 3, 299, 299),
                        tmp.resolve("fid.safetensors"));
        a = tmp.resolve("a");
        b = tmp.resolve("b");
        images(a, 1, IMAGES);
        images(b, 2, IMAGES);
        spark =
                SparkSession.builder()
                        .master("local[2,2]")
                        .appName("alphatree-test")
                        .config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        sc.setLogLevel("ERROR");
        single = FidInception.load(weights, Preprocessing.PYTORCH_FID);
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
        if (single != null) {
            single.close();
        }
    }

    private static SparkFeatureStatistics.Builder job(Path dir) {
        return SparkFeatureStatistics.builder()
                .setImages(dir.toString())
                .optWeights(weights.toString())
                .optDims(DIMS)
                .optBatchSize(4)
                .optPartitions(8);
    }

    @Test
    void statisticsAndFidEqualTheSingleMachineOnes() throws Exception {
        // partition 3's first attempt fails after a batch: Spark recomputes it
        SparkFeatureStatistics.Result ra = job(a).failOnceForTesting(3).build().compute(sc);
        SparkFeatureStatistics.Result rb = job(b).build().compute(sc);
        FeatureStatistics sa =
                FeatureExtraction.statistics(single, ImageFolder.of(a), 50, DIMS, null);
        FeatureStatistics sb =
                FeatureExtraction.statistics(single, ImageFolder.of(b), 50, DIMS, null);
        assertEquals(IMAGES, ra.images());
        assertEquals(8, ra.partitions());
        assertEquals(2, ra.depth());
        assertEquals(sa.count(), ra.statistics().count());
        double mu = Fixtures.relError(sa.mean(), ra.statistics().mean());
        double cov = Fixtures.relError(sa.covariance(), ra.statistics().covariance());
        assertTrue(mu < 1e-12 && cov < 1e-12, "mean " + mu + ", covariance " + cov);
        assertTrue(Fixtures.relError(sb.covariance(), rb.statistics().covariance()) < 1e-12);
        double sparkFid = FrechetDistance.of(ra.statistics(), rb.statistics()).value();
        double fid = FrechetDistance.of(sa, sb).value();
        assertTrue(fid > 1e-6, "a non-trivial distance: " + fid);
        assertEquals(fid, sparkFid, 1e-9 * fid, "FID");
        // the .npz round trip is pytorch-fid's format
        Path npz = tmp.resolve("a.npz");
        ra.gaussian().write(npz);
        assertEquals(DIMS, GaussianStatistics.read(npz).dims());
    }

    @Test
    void aCorruptImageFailsTheJobWithItsPathOrIsSkippedAndCounted() throws Exception {
        Path dir = tmp.resolve("bad");
        images(dir, 3, 9);
        Path broken = dir.resolve("img004.png");
        Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> job(dir).build().compute(sc));
        assertTrue(e.getMessage().contains("img004.png"), e.getMessage());
        SparkFeatureStatistics.Result r = job(dir).optSkipBad(true).build().compute(sc);
        assertEquals(8, r.images());
        assertEquals(1, r.skipped());
        assertTrue(r.skippedPaths().get(0).endsWith("img004.png"), r.skippedPaths().toString());
        Files.delete(broken);
        FeatureStatistics good =
                FeatureExtraction.statistics(single, ImageFolder.of(dir), 50, DIMS, null);
        assertTrue(Fixtures.relError(good.covariance(), r.statistics().covariance()) < 1e-12);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(NoSuchFileException.class, () -> job(tmp.resolve("none")).build().compute(sc));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> job(a).optDims(100).build());
        assertTrue(e.getMessage().contains("64, 192, 768 or 2048"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> SparkFeatureStatistics.builder().build());
    }

    @Test
    void theTreeDepthKeepsFourPartialsPerMerge() {
        assertEquals(2, SparkFeatureStatistics.depth(1));
        assertEquals(2, SparkFeatureStatistics.depth(16));
        assertEquals(3, SparkFeatureStatistics.depth(17));
        assertEquals(5, SparkFeatureStatistics.depth(1000));
    }
}

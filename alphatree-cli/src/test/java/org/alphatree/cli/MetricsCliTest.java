package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.testing.TestWeights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fid / is / kid through the real CLI, with an FID network of deterministic weights. */
class MetricsCliTest {

    private static final String IMAGES =
            Path.of("../alphatree-metrics/src/test/resources/fixtures/images").toString();

    @TempDir static Path tmp;

    static Path weights;

    @BeforeAll
    static void exportWeights() throws Exception {
        weights =
                TestWeights.export(
                        FidInceptionV3.create(),
                        new Shape(1, 3, 299, 299),
                        tmp.resolve("fid.safetensors"));
    }

    static double value(String out, String label) {
        Matcher m = Pattern.compile(label + ": (-?[0-9.eE+-]+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void fidOfAFolderWithItselfIsZeroAndStatsRoundTrip() {
        MainTest.Result r =
                MainTest.run(
                        "fid",
                        "--weights",
                        weights.toString(),
                        "--dims",
                        "64",
                        "--batch-size",
                        "3",
                        IMAGES,
                        IMAGES);
        assertEquals(0, r.code(), r.err());
        assertEquals(0.0, value(r.out(), "FID"), 1e-3);
        assertTrue(r.err().contains("rank-deficient"), r.err());
        assertTrue(r.err().contains("4/4"), "progress bar: " + r.err());
        Path stats = tmp.resolve("s.npz");
        MainTest.Result s =
                MainTest.run(
                        "fid",
                        "--save-stats",
                        "--weights",
                        weights.toString(),
                        "--dims",
                        "64",
                        IMAGES,
                        stats.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(stats));
        MainTest.Result f = MainTest.run("fid", stats.toString(), stats.toString());
        assertEquals(0.0, value(f.out(), "FID"), 1e-9);
    }

    @Test
    void inceptionScoreAndKid() {
        MainTest.Result r =
                MainTest.run("is", "--weights", weights.toString(), "--splits", "2", IMAGES);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)IS: [0-9.]+ ± [0-9.]+\\s*"), r.out());
        assertTrue(value(r.out(), "IS") >= 1.0);
        MainTest.Result k =
                MainTest.run(
                        "kid",
                        "--weights",
                        weights.toString(),
                        "--subsets",
                        "5",
                        "--dims",
                        "64",
                        IMAGES,
                        IMAGES);
        assertEquals(0, k.code(), k.err());
        assertTrue(k.out().startsWith("KID: "), k.out());
    }

    @Test
    void clearErrors() {
        MainTest.Result missing = MainTest.run("fid", "no-such-dir", IMAGES);
        assertEquals(1, missing.code());
        assertTrue(
                missing.err().contains("no-such-dir") && missing.err().contains("not found"),
                missing.err());
        MainTest.Result noWeights =
                MainTest.run(
                        "fid", "--weights", tmp.resolve("none.pth").toString(), IMAGES, IMAGES);
        assertEquals(1, noWeights.code());
        assertTrue(
                noWeights.err().contains("pt_inception-2015-12-05-6726825d.pth"), noWeights.err());
        MainTest.Result mode =
                MainTest.run(
                        "fid",
                        "--preprocess",
                        "jpeg",
                        "--weights",
                        weights.toString(),
                        IMAGES,
                        IMAGES);
        assertTrue(mode.err().contains("--preprocess must be pytorch-fid or tf"), mode.err());
    }
}

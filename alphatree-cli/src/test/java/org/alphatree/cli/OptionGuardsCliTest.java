package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatree.blocks.weights.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-range options and bad paths fail before any work, with one message saying what was
 * expected; non-finite numbers are never written or printed as results.
 */
class OptionGuardsCliTest {

    @TempDir Path tmp;

    private static void fails(String expected, String... args) {
        MainTest.Result r = MainTest.run(args);
        assertTrue(r.code() != 0, "exit code " + r.code() + " for " + String.join(" ", args));
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** bench and summary: sizes that would exhaust memory, and nonsense depths, fail first. */
    @Test
    void benchAndSummarySizesAreBounded() {
        fails("--batch must be in [1, 1024], got 100000", "bench", "resnet18", "--batch", "100000");
        fails("--batch must be in [1, 1024], got 0", "bench", "bottleneck", "--batch", "0");
        fails("--seconds must be in (0, 30], got NaN", "bench", "resnet18", "--seconds", "NaN");
        fails("more than 67,108,864 elements", "bench", "inception_v4", "--batch", "1024");
        fails(
                "more than 67,108,864 elements",
                "summary",
                "resnet18",
                "--input-shape",
                "1,3,100000,100000");
        fails("--depth must be in [1, 64], got -1", "summary", "resnet18", "--depth", "-1");
        fails("--depth must be in [1, 64], got 0", "summary", "resnet18", "--depth", "0");
        String svg = tmp.resolve("d.svg").toString();
        fails(
                "--depth must be in [1, 64], got 100",
                "diagram",
                "resnet18",
                "--depth",
                "100",
                "-o",
                svg);
        assertFalse(Files.exists(tmp.resolve("d.svg")), "nothing was written");
    }

    @Test
    void ganOptionsAreRangeChecked() {
        String out = tmp.resolve("run").toString();
        fails("--lr must be in (0, 1]", "gan", "train", "--out", out, "--lr", "1e30");
        fails(
                "--critic-steps must be in [1, 100], got -3",
                "gan",
                "train",
                "--out",
                out,
                "--critic-steps",
                "-3");
        fails(
                "--steps must be in [1, 10000000], got 0",
                "gan",
                "train",
                "--out",
                out,
                "--steps",
                "0");
        fails("--ema must be in [0, 1)", "gan", "train", "--out", out, "--ema", "1.5");
        assertFalse(Files.exists(tmp.resolve("run")), "nothing was written");
    }

    @Test
    void metricOptionsAreRangeCheckedBeforeTheImagesAreRead() {
        String a = tmp.resolve("a").toString();
        String b = tmp.resolve("b").toString();
        fails(
                "--subsets must be in [1, 100000], got 2147483647",
                "kid",
                a,
                b,
                "--subsets",
                "2147483647");
        fails("--subset-size must be in [2, 1000000], got 1", "kid", a, b, "--subset-size", "1");
        fails("--dims must be 64, 192, 768 or 2048, got 100", "fid", a, b, "--dims", "100");
        fails("--dims must be 64, 192, 768 or 2048, got 100", "kid", a, b, "--dims", "100");
        String out = tmp.resolve("s.npz").toString();
        fails(
                "--dims must be 64, 192, 768 or 2048, got 100",
                "fid-stats",
                a,
                "-o",
                out,
                "--dims",
                "100");
        fails("--splits must be in [1, 100000], got 0", "is", a, "--splits", "0");
    }

    @Test
    void forwardChecksItsOutputAndInputBeforeReadingWeights() throws IOException {
        Path x = tmp.resolve("x.npy");
        float[] v = new float[3 * 32 * 32];
        v[5] = Float.NaN;
        try (OutputStream out = Files.newOutputStream(x)) {
            Npy.writeFloat32(out, new long[] {1, 3, 32, 32}, v);
        }
        // the weights file does not exist: the errors below come before it is read
        Path y = tmp.resolve("y.npy");
        fails("does not exist", forward(x, tmp.resolve("no/such/dir/y.npy")));
        fails("is a folder", forward(x, tmp));
        fails(
                "--input " + x + " has 1 non-finite value (first: NaN at flat index 5)",
                forward(x, y));
        fails("--num-classes must be >= 0", forward(x, y, "--num-classes", "-2"));
    }

    private String[] forward(Path input, Path output, String... extra) {
        String[] base = {
            "forward",
            "--model",
            "resnet18",
            "--weights",
            tmp.resolve("missing.pth").toString(),
            "--input",
            input.toString(),
            "--output",
            output.toString()
        };
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void idxHeaderIsCheckedAgainstTheFile() throws IOException {
        Path idx = tmp.resolve("huge-idx3-ubyte");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putInt(0x803).putInt(Integer.MAX_VALUE).putInt(1000).putInt(1000);
        Files.write(idx, b.array());
        IOException e = assertThrows(IOException.class, () -> ImageData.load(idx, 32, 60000, 1));
        assertTrue(
                e.getMessage().contains("declares 2147483647 images of 1000x1000"), e.getMessage());
        assertTrue(e.getMessage().contains("but the file holds 16 (truncated?)"), e.getMessage());
    }

    @Test
    void nonFiniteMetricsAreErrors() {
        ArithmeticException e =
                assertThrows(
                        ArithmeticException.class,
                        () -> Outputs.checkFinite(Double.POSITIVE_INFINITY, "FID"));
        assertTrue(e.getMessage().startsWith("FID is Infinity"), e.getMessage());
        ArithmeticException f =
                assertThrows(
                        ArithmeticException.class,
                        () -> Outputs.checkFinite(new float[] {1, Float.NaN, Float.NaN}, "out"));
        assertTrue(
                f.getMessage().contains("2 non-finite values (first: NaN at flat index 1)"),
                f.getMessage());
    }
}

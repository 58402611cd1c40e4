package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourBenchDiagramCliTest {

    @TempDir Path tmp;

    @Test
    void theTourRunsEndToEnd() {
        // the README's main job: every registered network (LeNet-5 takes one channel), the
        // diagrams, a benchmark, the seeded GAN run
        MainTest.Result r = MainTest.run("tour", "--out", tmp.resolve("tour").toString());
        assertEquals(0, r.code(), r.err());
        String n = String.valueOf(org.alphatree.blocks.registry.ModelRegistry.all().size());
        assertTrue(r.out().contains(n + " of " + n + " networks"), r.out());
        assertTrue(r.out().contains("modes hit: 8 of 8"), r.out());
        assertTrue(Files.exists(tmp.resolve("tour/gan/loss_curve.png")));
    }

    @Test
    void diagramWritesSvgAndDot() throws Exception {
        Path svg = tmp.resolve("a.svg");
        MainTest.Result r =
                MainTest.run(
                        "diagram", "inception_v3:Mixed_5b", "--depth", "1", "-o", svg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(svg).startsWith("<svg"));
        Path dot = tmp.resolve("a.dot");
        assertEquals(
                0,
                MainTest.run(
                                "diagram",
                                "resnet18:layer1.0",
                                "--format",
                                "dot",
                                "-o",
                                dot.toString())
                        .code());
        assertTrue(Files.readString(dot).startsWith("digraph"));
        MainTest.Result bad = MainTest.run("diagram", "resnet18:layer9", "-o", svg.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("no block 'layer9'"), bad.err());
    }

    @Test
    void benchPrintsLatencyThroughputAndPeakFraction() {
        MainTest.Result r = MainTest.run("bench", "conv_bn_act", "--seconds", "2");
        assertEquals(0, r.code(), r.err());
        for (String field :
                new String[] {
                    "median latency", "throughput", "achieved", "GFLOP/s", "peak (conv3x3)"
                }) {
            assertTrue(r.out().contains(field), r.out());
        }
        // the host is named, so a figure says where it was measured
        assertTrue(
                r.out().contains("CPU")
                        && r.out().contains(Runtime.getRuntime().availableProcessors() + " cores"),
                r.out());
        MainTest.Result bad = MainTest.run("bench", "nope");
        assertTrue(bad.err().contains("unknown model or block 'nope'"), bad.err());
    }

    @Test
    void benchTimesATrainingStepThatLearns() {
        MainTest.Result r =
                MainTest.run("bench", "lenet5", "--batch", "8", "--train", "--seconds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training step (SGD, momentum 0.9)"), r.out());
        assertTrue(r.out().contains("median step"), r.out());
        java.util.regex.Matcher loss =
                java.util.regex.Pattern.compile("loss +([0-9.]+) at the first step, ([0-9.]+)")
                        .matcher(r.out());
        assertTrue(loss.find(), r.out());
        double first = Double.parseDouble(loss.group(1));
        double last = Double.parseDouble(loss.group(2));
        assertTrue(last < first, "the steps fit one batch: " + first + " -> " + last);
        MainTest.Result block = MainTest.run("bench", "conv_bn_act", "--train");
        assertEquals(1, block.code());
        assertTrue(block.err().contains("--train times a registered network"), block.err());
    }

    @Test
    void fidFeaturesFromForward() throws Exception {
        MainTest.Result bad =
                MainTest.run(
                        "forward",
                        "--model",
                        "resnet18",
                        "--fid-features",
                        "2048",
                        "--weights",
                        "w",
                        "--input",
                        "x",
                        "--output",
                        "y");
        assertEquals(1, bad.code());
    }
}

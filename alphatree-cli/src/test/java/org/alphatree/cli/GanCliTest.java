package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanCliTest {

    @TempDir Path tmp;

    @Test
    void trainWritesSamplesCurveHistoryAndCheckpoints() throws Exception {
        System.setProperty("java.awt.headless", "true");
        MainTest.Result r =
                MainTest.run(
                        "gan",
                        "train",
                        "--loss",
                        "wgan-gp",
                        "--steps",
                        "20",
                        "--critic-steps",
                        "2",
                        "--out",
                        tmp.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage samples = ImageIO.read(tmp.resolve("samples.png").toFile());
        BufferedImage curve = ImageIO.read(tmp.resolve("loss_curve.png").toFile());
        assertTrue(samples.getWidth() > 100 && curve.getWidth() > 100);
        assertEquals(21, Files.readAllLines(tmp.resolve("history.csv")).size());
        assertTrue(Files.exists(tmp.resolve("checkpoints/step-20/generator.safetensors")));
        assertTrue(r.err().contains("20/20"), r.err());
        Path shapes = tmp.resolve("shapes");
        MainTest.Result s =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        "shapes",
                        "--loss",
                        "hinge",
                        "--steps",
                        "3",
                        "--batch-size",
                        "8",
                        "--out",
                        shapes.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(shapes.resolve("samples.png")));
    }

    @Test
    void badOptionsAreExplained() {
        MainTest.Result r =
                MainTest.run("gan", "train", "--loss", "magic", "--out", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("unknown loss 'magic'"), r.err());
        MainTest.Result d =
                MainTest.run("gan", "train", "--data", "mnist", "--out", tmp.toString());
        assertTrue(d.err().contains("--data must be ring or shapes"), d.err());
    }
}

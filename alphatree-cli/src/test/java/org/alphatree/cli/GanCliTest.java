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
        assertTrue(r.out().matches("(?s)modes hit: \\d of 8\n.*"), r.out());
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
        assertTrue(
                d.err().contains("--data must be ring, shapes, or an existing IDX file"), d.err());
    }

    /** Real images: an IDX file (gzipped, as Fashion-MNIST ships) and a folder of PNGs. */
    @Test
    void trainsOnIdxFilesAndImageFolders() throws Exception {
        Path idx = tmp.resolve("images-idx3-ubyte.gz");
        try (java.io.DataOutputStream out =
                new java.io.DataOutputStream(
                        new java.util.zip.GZIPOutputStream(Files.newOutputStream(idx)))) {
            out.writeInt(0x803);
            out.writeInt(10);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < 10 * 28 * 28; i++) {
                out.writeByte((i * 7) % 256);
            }
        }
        MainTest.Result r =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        idx.toString(),
                        "--loss",
                        "lsgan",
                        "--steps",
                        "2",
                        "--batch-size",
                        "4",
                        "--out",
                        tmp.resolve("idx").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(tmp.resolve("idx/samples.png")));
        Path folder = Files.createDirectories(tmp.resolve("imgs"));
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xffffff);
            ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
        }
        MainTest.Result f =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        folder.toString(),
                        "--loss",
                        "hinge",
                        "--steps",
                        "2",
                        "--batch-size",
                        "4",
                        "--out",
                        tmp.resolve("folder").toString());
        assertEquals(0, f.code(), f.err());
        Path bad = tmp.resolve("bad.idx");
        Files.write(bad, new byte[] {0, 0, 8, 1, 0, 0, 0, 1});
        MainTest.Result b =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        bad.toString(),
                        "--out",
                        tmp.resolve("bad").toString());
        assertEquals(1, b.code());
        assertTrue(b.err().contains("not an IDX image file"), b.err());
    }

    /** --conditional and --infogan on the ring: per-class panels and the outcome line. */
    @Test
    void conditionalAndInfoGanRunsReportTheirOutcome() throws Exception {
        Path c = tmp.resolve("cgan");
        MainTest.Result r =
                MainTest.run(
                        "gan",
                        "train",
                        "--conditional",
                        "--loss",
                        "ns",
                        "--steps",
                        "300",
                        "--out",
                        c.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("per-class mode hits:") && r.out().contains("of 8 classes"),
                r.out());
        assertTrue(Files.size(c.resolve("samples.png")) > 1000);
        Path i = tmp.resolve("infogan");
        r =
                MainTest.run(
                        "gan",
                        "train",
                        "--infogan",
                        "--loss",
                        "ns",
                        "--steps",
                        "300",
                        "--out",
                        i.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mutual-information estimate"), r.out());
        r =
                MainTest.run(
                        "gan", "train", "--conditional", "--data", "shapes", "--out", c.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--conditional applies to --data ring"), r.err());
        r = MainTest.run("gan", "train", "--conditional", "--infogan", "--out", c.toString());
        assertTrue(r.err().contains("choose one"), r.err());
    }

    /** --progan grows a ProGAN on the shapes data; it refuses the ring. */
    @Test
    void proGanGrowsOnTheShapes() throws Exception {
        Path o = tmp.resolve("progan");
        MainTest.Result r =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        "shapes",
                        "--progan",
                        "--steps",
                        "12",
                        "--batch-size",
                        "8",
                        "--critic-steps",
                        "1",
                        "--out",
                        o.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(o.resolve("samples.png")) > 1000);
        r = MainTest.run("gan", "train", "--progan", "--out", o.toString());
        assertTrue(r.err().contains("--progan grows images"), r.err());
    }

    /** --stylegan2 and --biggan train their tiny networks on the shapes; wrong data is refused. */
    @Test
    void styleGan2AndBigGanTrainOnTheShapes() throws Exception {
        for (String model : new String[] {"--stylegan2", "--biggan"}) {
            Path o = tmp.resolve(model.substring(2));
            MainTest.Result r =
                    MainTest.run(
                            "gan",
                            "train",
                            "--data",
                            "shapes",
                            model,
                            "--steps",
                            "17",
                            "--batch-size",
                            "8",
                            "--out",
                            o.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.size(o.resolve("samples.png")) > 1000, model);
            assertTrue(Files.readString(o.resolve("history.csv")).lines().count() == 18, model);
        }
        MainTest.Result r = MainTest.run("gan", "train", "--biggan", "--out", tmp.toString());
        assertTrue(r.err().contains("--biggan is class-conditional"), r.err());
        r = MainTest.run("gan", "train", "--stylegan2", "--out", tmp.toString());
        assertTrue(r.err().contains("--stylegan2 generates images"), r.err());
        r =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        "shapes",
                        "--stylegan2",
                        "--progan",
                        "--out",
                        tmp.toString());
        assertTrue(r.err().contains("choose one"), r.err());
    }

    /** --minibatch-discrimination puts the layer in the ring critic; not for other data. */
    @Test
    void minibatchDiscriminationRunsOnTheRing() throws Exception {
        Path o = tmp.resolve("mbd");
        MainTest.Result r =
                MainTest.run(
                        "gan",
                        "train",
                        "--loss",
                        "ns",
                        "--steps",
                        "40",
                        "--batch-size",
                        "16",
                        "--minibatch-discrimination",
                        "--out",
                        o.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("modes hit:"), r.out());
        r =
                MainTest.run(
                        "gan",
                        "train",
                        "--data",
                        "shapes",
                        "--minibatch-discrimination",
                        "--out",
                        o.toString());
        assertTrue(r.err().contains("applies to the plain ring GAN"), r.err());
    }
}

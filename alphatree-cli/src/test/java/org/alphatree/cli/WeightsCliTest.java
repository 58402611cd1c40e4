package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatree.blocks.AlphaTree;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.weights.Npy;
import org.alphatree.blocks.weights.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsCliTest {

    private static final Path FIXTURES = Path.of("../alphatree-blocks/src/test/resources/fixtures");

    @TempDir Path tmp;

    @Test
    void inspectListsKeysDtypesShapesAndTotal() {
        MainTest.Result r =
                MainTest.run(
                        "weights",
                        "inspect",
                        FIXTURES.resolve("weights/tensors_legacy.pth").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bf16") && r.out().contains("bfloat16"), r.out());
        assertTrue(
                r.out().contains("block.conv.weight") && r.out().contains("[2, 1, 3, 3]"), r.out());
        assertTrue(r.out().contains("17 tensors"), r.out());
        MainTest.Result j =
                MainTest.run(
                        "weights",
                        "inspect",
                        "--json",
                        FIXTURES.resolve("weights/tensors_zip.pth").toString());
        assertTrue(
                j.out().contains("{\"key\":\"f16\",\"dtype\":\"float16\",\"shape\":[2,2]}"),
                j.out());
    }

    @Test
    void maliciousFileExitsNonZeroNamingTheGlobal() {
        MainTest.Result r =
                MainTest.run(
                        "weights", "inspect", FIXTURES.resolve("weights/evil_eval.pth").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("builtins.eval"), r.err());
        MainTest.Result missing =
                MainTest.run("weights", "inspect", tmp.resolve("none.pth").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("not found"), missing.err());
    }

    /**
     * AlphaTree exports resnet18 with the deterministic weights; `forward` loads them strictly and
     * reproduces torchvision's logits from the residual fixtures.
     */
    @Test
    void forwardReproducesTheReference() throws Exception {
        Path w = tmp.resolve("resnet18.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = AlphaTree.model("resnet18");
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            DeterministicWeights.fill(net);
            Weights.exportSafetensors(net, w);
        }
        long[] shape = {2, 3, 80, 80};
        Path x = tmp.resolve("x.npy");
        try (OutputStream out = Files.newOutputStream(x)) {
            Npy.writeFloat32(out, shape, DeterministicWeights.input(new Shape(shape)));
        }
        Path y = tmp.resolve("y.npy");
        MainTest.Result r =
                MainTest.run(
                        "forward",
                        "--model",
                        "resnet18",
                        "--weights",
                        w.toString(),
                        "--input",
                        x.toString(),
                        "--output",
                        y.toString());
        assertEquals(0, r.code(), r.err());
        Npy.Array got;
        Npy.Array want;
        try (InputStream in = Files.newInputStream(y)) {
            got = Npy.read(in, 1 << 20);
        }
        try (InputStream in = Files.newInputStream(FIXTURES.resolve("residual/resnet18.npy"))) {
            want = Npy.read(in, 1 << 20);
        }
        assertArrayEquals(want.shape(), got.shape());
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < want.data().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(want.data()[i] - got.data()[i]));
            maxRef = Math.max(maxRef, Math.abs(want.data()[i]));
        }
        assertTrue(maxDiff / maxRef <= 1e-4, "relative error " + maxDiff / maxRef);
    }

    /** The fast path (channels last, conv+BN folded) is the default and agrees with NCHW. */
    @Test
    void forwardsFastPathEqualsThePlainNchwOne() throws Exception {
        Path w =
                org.alphatree.blocks.testing.TestWeights.export(
                        AlphaTree.model("googlenet"),
                        new Shape(1, 3, 64, 64),
                        tmp.resolve("googlenet.safetensors"));
        long[] shape = {2, 3, 64, 64};
        Path x = tmp.resolve("x.npy");
        try (OutputStream out = Files.newOutputStream(x)) {
            Npy.writeFloat32(out, shape, DeterministicWeights.input(new Shape(shape)));
        }
        float[][] ys = new float[2][];
        String[][] modes = {{}, {"--no-channels-last", "--no-fuse"}};
        for (int k = 0; k < 2; k++) {
            Path y = tmp.resolve("y" + k + ".npy");
            String[] base = {
                "forward",
                "--model",
                "googlenet",
                "--weights",
                w.toString(),
                "--input",
                x.toString(),
                "--output",
                y.toString()
            };
            String[] args = java.util.Arrays.copyOf(base, base.length + modes[k].length);
            System.arraycopy(modes[k], 0, args, base.length, modes[k].length);
            MainTest.Result r = MainTest.run(args);
            assertEquals(0, r.code(), r.err());
            assertEquals(k == 0, r.err().contains("Folded 59 conv+BN units"), r.err());
            try (InputStream in = Files.newInputStream(y)) {
                ys[k] = Npy.read(in, 1 << 20).toFloats();
            }
        }
        double rel = org.alphatree.blocks.testing.Fixtures.relError(ys[1], ys[0]);
        assertTrue(rel < 1e-5, "fast vs NCHW: " + rel);
    }

    @Test
    void forwardRejectsAWrongInputShape() throws Exception {
        Path x = tmp.resolve("x.npy");
        try (OutputStream out = Files.newOutputStream(x)) {
            Npy.writeFloat32(out, new long[] {1, 1, 8, 8}, new float[64]);
        }
        MainTest.Result r =
                MainTest.run(
                        "forward",
                        "--model",
                        "resnet18",
                        "--weights",
                        "w.pth",
                        "--input",
                        x.toString(),
                        "--output",
                        tmp.resolve("y.npy").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("[1, 1, 8, 8]") && r.err().contains("C = 3"), r.err());
    }
}

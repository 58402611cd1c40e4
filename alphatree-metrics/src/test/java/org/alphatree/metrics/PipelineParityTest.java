package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.alphatree.blocks.weights.Npy;
import org.alphatree.blocks.weights.SafeTensors;
import org.alphatree.blocks.weights.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The FID pipeline against PyTorch (tools/fixtures/metrics.py). */
class PipelineParityTest {

    @TempDir Path tmp;

    static Map<String, Npy.Array> npz(String name) throws IOException {
        try (InputStream in = PipelineParityTest.class.getResourceAsStream("/fixtures/" + name)) {
            return Npy.readNpz(in, 1 << 30);
        }
    }

    static Path images() throws URISyntaxException {
        return Path.of(PipelineParityTest.class.getResource("/fixtures/images").toURI());
    }

    static void assertClose(String what, double[] expected, float[] actual, double tol) {
        Fixtures.assertClose(what, expected, actual, tol);
    }

    @Test
    void resizeMatchesTorchInterpolateAndTf1() throws IOException {
        Map<String, Npy.Array> r = npz("resize.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(r.get("input").toFloats(), new Shape(r.get("input").shape()));
            assertClose(
                    "torch up",
                    r.get("torch_up").data(),
                    Preprocessing.resize(x, 11, 13, Preprocessing.PYTORCH_FID).toFloatArray(),
                    1e-6);
            assertClose(
                    "torch down",
                    r.get("torch_down").data(),
                    Preprocessing.resize(x, 5, 4, Preprocessing.PYTORCH_FID).toFloatArray(),
                    1e-6);
            assertClose(
                    "tf up",
                    r.get("tf_up").data(),
                    Preprocessing.resize(x, 11, 13, Preprocessing.TF).toFloatArray(),
                    1e-6);
            assertClose(
                    "tf down",
                    r.get("tf_down").data(),
                    Preprocessing.resize(x, 5, 4, Preprocessing.TF).toFloatArray(),
                    1e-6);
        }
    }

    private static FidInception deterministic(NDManager m, Preprocessing mode) {
        FidInceptionV3 net = FidInceptionV3.create();
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 299, 299));
        DeterministicWeights.fill(net);
        return FidInception.of(m, net, mode);
    }

    /** pool3 features of the fixture images equal the PyTorch FID network's, in both modes. */
    @ParameterizedTest
    @EnumSource(Preprocessing.class)
    void pool3FeaturesMatchPyTorch(Preprocessing mode) throws Exception {
        Map<String, Npy.Array> ref = npz("fid_features.npz");
        try (FidInception net = deterministic(NDManager.newBaseManager(), mode)) {
            List<Integer> seen = new ArrayList<>();
            double[] f =
                    FeatureExtraction.features(net, ImageFolder.of(images()), 3, 2048, seen::add);
            assertEquals(List.of(3, 4), seen, "progress after each batch");
            float[] ff = new float[f.length];
            for (int i = 0; i < f.length; i++) {
                ff[i] = (float) f[i];
            }
            assertClose(
                    mode.name(),
                    ref.get(mode == Preprocessing.TF ? "tf" : "pytorch_fid").data(),
                    ff,
                    1e-4);
            if (mode == Preprocessing.PYTORCH_FID) {
                double[] l = FeatureExtraction.logits(net, ImageFolder.of(images()), 4, null);
                float[] lf = new float[l.length];
                for (int i = 0; i < l.length; i++) {
                    lf[i] = (float) l[i];
                }
                assertClose("logits_unbiased", ref.get("logits_unbiased").data(), lf, 1e-4);
                FeatureStatistics s =
                        FeatureExtraction.statistics(net, ImageFolder.of(images()), 2, 64, null);
                assertEquals(4, s.count());
                assertEquals(64, s.dims());
            }
        }
    }

    @Test
    void statisticsInteroperateWithPytorchFid() throws IOException {
        Path p = tmp.resolve("s.npz");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/stats_pytorch_fid.npz")) {
            Files.copy(in, p);
        }
        GaussianStatistics s = GaussianStatistics.read(p);
        assertEquals(4, s.dims());
        Path q = tmp.resolve("t.npz");
        s.write(q);
        GaussianStatistics back = GaussianStatistics.read(q);
        assertArrayEquals(s.mu(), back.mu());
        assertArrayEquals(s.sigma(), back.sigma());
        assertEquals(
                0.0,
                FrechetDistance.compute(s.mu(), s.sigma(), back.mu(), back.sigma()).value(),
                1e-9);
    }

    @Test
    void badInputsAreClearErrors() throws IOException {
        IOException empty =
                assertThrows(
                        IOException.class,
                        () -> ImageFolder.of(Files.createDirectory(tmp.resolve("empty"))));
        assertTrue(empty.getMessage().contains("no .png/.jpg images"), empty.getMessage());
        Path bad = Files.createDirectory(tmp.resolve("bad"));
        Files.writeString(bad.resolve("x.png"), "not an image");
        try (FidInception net =
                deterministic(NDManager.newBaseManager(), Preprocessing.PYTORCH_FID)) {
            IOException e =
                    assertThrows(
                            IOException.class,
                            () ->
                                    FeatureExtraction.features(
                                            net, ImageFolder.of(bad), 1, 2048, null));
            assertTrue(e.getMessage().contains("x.png"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> FeatureExtraction.features(net, ImageFolder.of(images()), 1, 100, null));
        }
        NoSuchFileException missing =
                assertThrows(
                        NoSuchFileException.class,
                        () ->
                                FidInception.load(
                                        tmp.resolve("none.pth"), Preprocessing.PYTORCH_FID));
        assertTrue(missing.getMessage().contains(FidInception.WEIGHTS_FILE), missing.getMessage());
        Path wrong = tmp.resolve("wrong.safetensors");
        SafeTensors.write(wrong, Map.of("w", TensorData.ofFloats(new long[] {1}, new float[] {1})));
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> FidInception.load(wrong, Preprocessing.PYTORCH_FID));
        assertTrue(e.getMessage().contains("not pytorch-fid's Inception weights"), e.getMessage());
        Path notStats = tmp.resolve("n.npz");
        Files.writeString(notStats, "x");
        assertThrows(IOException.class, () -> GaussianStatistics.read(notStats));
    }
}

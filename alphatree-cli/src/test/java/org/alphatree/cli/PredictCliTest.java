package org.alphatree.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.alphatree.blocks.AlphaTree;
import org.alphatree.blocks.hub.HubCache;
import org.alphatree.blocks.hub.PretrainedWeights;
import org.alphatree.blocks.hub.WeightsRegistry;
import org.alphatree.blocks.testing.TestWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} and {@code weights list/download} with a pre-filled cache and no network (tests
 * run offline): five labels, a wrong file refused with both hashes, an empty cache naming the file
 * and its URL.
 */
class PredictCliTest {

    @TempDir static Path tmp;
    static Path image;
    static Path good;
    static Path bad;

    @BeforeAll
    static void fill() throws Exception {
        Path dir = HubCache.defaultCache().directory();
        Files.createDirectories(dir);
        good =
                TestWeights.export(
                        AlphaTree.model("squeezenet1_1"),
                        new Shape(1, 3, 224, 224),
                        dir.resolve("squeezenet1_1-cli-test.safetensors"));
        PretrainedWeights published = WeightsRegistry.get("squeezenet1_1", null);
        PretrainedWeights test = TestWeights.entry(published, "CLI_TEST", good);
        WeightsRegistry.register(test);
        bad = dir.resolve("squeezenet1_1-cli-bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        PretrainedWeights wrong = TestWeights.entry(published, "CLI_BAD", bad);
        // the entry names the good file's hash: the cached bytes under its name do not match
        WeightsRegistry.register(
                new PretrainedWeights(
                        wrong.model(),
                        wrong.name(),
                        false,
                        wrong.url(),
                        wrong.fileName(),
                        test.sha256(),
                        wrong.preprocessing(),
                        wrong.categories(),
                        wrong.numClasses(),
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        "test",
                        "",
                        "test",
                        "",
                        null));
        image = tmp.resolve("picture.png");
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                img.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | ((x * y) % 256));
            }
        }
        ImageIO.write(img, "png", image.toFile());
    }

    @AfterAll
    static void clean() throws Exception {
        WeightsRegistry.unregister("squeezenet1_1", "CLI_TEST");
        WeightsRegistry.unregister("squeezenet1_1", "CLI_BAD");
        Files.deleteIfExists(good);
        Files.deleteIfExists(bad);
    }

    @Test
    void predictPrintsFiveLabelsWithProbabilities() {
        MainTest.Result r =
                MainTest.run(
                        "predict",
                        "--model",
                        "squeezenet1_1",
                        "--weights",
                        "CLI_TEST",
                        image.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(6, lines.size(), r.out());
        assertTrue(lines.get(0).contains("squeezenet1_1.CLI_TEST"), r.out());
        List<String> labels = WeightsRegistry.get("squeezenet1_1", "CLI_TEST").labels();
        double last = 101;
        for (String line : lines.subList(1, 6)) {
            String[] parts = line.trim().split("%\\s+", 2);
            double p = Double.parseDouble(parts[0]);
            assertTrue(p <= last && p >= 0, r.out());
            assertTrue(labels.contains(parts[1]), parts[1]);
            last = p;
        }
    }

    @Test
    void predictJsonHasTheTopKPerImage() {
        MainTest.Result r =
                MainTest.run(
                        "predict",
                        "--model",
                        "squeezenet1_1",
                        "--weights",
                        "CLI_TEST",
                        "--top",
                        "3",
                        "--json",
                        image.toString(),
                        image.toString());
        assertEquals(0, r.code(), r.err());
        JsonArray a = JsonUtils.GSON.fromJson(r.out(), JsonArray.class);
        assertEquals(2, a.size());
        JsonObject first = a.get(0).getAsJsonObject();
        assertEquals(3, first.getAsJsonArray("top").size());
        assertEquals(
                first.toString(), a.get(1).getAsJsonObject().toString().replace("\\\\", "\\\\"));
        double sum = 0;
        for (var e : first.getAsJsonArray("top")) {
            sum += e.getAsJsonObject().get("probability").getAsDouble();
        }
        assertTrue(sum > 0 && sum <= 1.0 + 1e-6, "probabilities " + sum);
    }

    @Test
    void aCacheFileWithWrongBytesIsRefusedWithBothHashes() throws Exception {
        MainTest.Result r =
                MainTest.run(
                        "predict",
                        "--model",
                        "squeezenet1_1",
                        "--weights",
                        "CLI_BAD",
                        image.toString());
        assertEquals(1, r.code(), r.out());
        String sha = WeightsRegistry.get("squeezenet1_1", "CLI_BAD").sha256();
        assertTrue(r.err().contains(sha) && r.err().contains(HubCache.sha256(bad)), r.err());
        assertTrue(r.err().contains(bad.toString()), r.err());
        assertTrue(Files.exists(bad), "the file is left alone");
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhichFileToFetchFromWhere() {
        for (String[] args :
                new String[][] {
                    {"predict", "--model", "resnet50", image.toString()},
                    {"weights", "download", "resnet50"},
                    {"fid", tmp.toString(), tmp.toString()}
                }) {
            MainTest.Result r = MainTest.run(args);
            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.out());
            String url =
                    args[0].equals("fid")
                            ? "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth"
                            : "https://download.pytorch.org/models/resnet50-11ad3fa6.pth";
            assertTrue(r.err().contains(url) && r.err().contains("offline"), r.err());
            assertTrue(r.err().contains(HubCache.defaultCache().directory().toString()), r.err());
        }
    }

    @Test
    void docsPretrainedListsEveryPublishedWeight() throws Exception {
        String doc = Files.readString(Path.of("../docs/pretrained.md"));
        java.util.List<PretrainedWeights> shipped =
                WeightsRegistry.all().stream().filter(w -> !w.source().equals("test")).toList();
        assertTrue(
                doc.contains(WeightsCommand.markdown(shipped)),
                "docs/pretrained.md is stale: regenerate its table with alphatree weights list --markdown");
    }

    @Test
    void weightsListShowsTheDefaultAndWhatIsCached() {
        MainTest.Result r = MainTest.run("weights", "list", "resnet50");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("IMAGENET1K_V2 *") && r.out().contains("IMAGENET1K_V1"), r.out());
        assertTrue(r.out().contains("80.86") && r.out().contains("97.8 MB"), r.out());
        MainTest.Result cached = MainTest.run("weights", "list", "squeezenet1_1", "--json");
        assertTrue(cached.out().contains("\"weights\":\"CLI_TEST\""), cached.out());
        assertTrue(cached.out().contains("\"cached\":true"), cached.out());
        MainTest.Result unknown = MainTest.run("predict", "--model", "lenet5", image.toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no pretrained weights"), unknown.err());
    }
}

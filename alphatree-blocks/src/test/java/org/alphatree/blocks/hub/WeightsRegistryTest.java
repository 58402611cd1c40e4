package org.alphatree.blocks.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.junit.jupiter.api.Test;

/** The shipped weights registry: listed and checked for format; the real URLs are never fetched. */
class WeightsRegistryTest {

    private static final Pattern HASHED = Pattern.compile(".*-([0-9a-f]{8,10})\\.pth");

    @Test
    void everyEntryNamesARegisteredNetworkAndAWellFormedFile() {
        List<PretrainedWeights> all = WeightsRegistry.all();
        assertTrue(all.size() >= 70, "weights: " + all.size());
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PretrainedWeights w : all) {
            ModelInfo info = ModelRegistry.find(w.model()).orElse(null);
            if (info == null) {
                problems.add(w.id() + ": no such network");
                continue;
            }
            if (!ids.add(w.id())) {
                problems.add(w.id() + ": twice");
            }
            if (w.numClasses() != info.numClasses()) {
                problems.add(w.id() + ": " + w.numClasses() + " classes vs " + info.numClasses());
            }
            if (!w.url().startsWith("https://")
                    || !w.url().endsWith(w.fileName()) && !w.url().endsWith("/model.safetensors")) {
                problems.add(w.id() + ": url " + w.url() + " vs file " + w.fileName());
            }
            Matcher m = HASHED.matcher(w.fileName());
            if (m.matches() && !m.group(1).equals(w.sha256())) {
                problems.add(w.id() + ": file name hash " + m.group(1) + " vs " + w.sha256());
            }
            if (w.source().equals("torchvision") && w.sha256().length() < 8) {
                problems.add(w.id() + ": torchvision files carry a hash prefix");
            }
            if (!w.variant().isEmpty() && !info.variants().containsKey(w.variant())) {
                problems.add(w.id() + ": no variant " + w.variant());
            }
            if (w.categories().equals("imagenet-1k") && !(w.top1() > 50 && w.top5() > w.top1())) {
                problems.add(w.id() + ": accuracy " + w.top1() + "/" + w.top5());
            }
            if (w.license().isEmpty()) {
                problems.add(w.id() + ": no licence");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachNetworkHasOneDefaultAndTheNamedLookupsWork() {
        Set<String> models = new HashSet<>();
        WeightsRegistry.all().forEach(w -> models.add(w.model()));
        for (String m : models) {
            long defaults =
                    WeightsRegistry.of(m).stream().filter(PretrainedWeights::isDefault).count();
            assertEquals(1, defaults, m);
        }
        assertEquals("IMAGENET1K_V2", WeightsRegistry.get("resnet50", null).name());
        PretrainedWeights v1 = WeightsRegistry.get("resnet50", "imagenet1k_v1");
        assertEquals("resnet50-0676ba61.pth", v1.fileName());
        assertEquals(256, v1.preprocessing().resize());
        assertEquals(
                232, WeightsRegistry.get("resnet50", "IMAGENET1K_V2").preprocessing().resize());
        assertEquals(76.13, v1.top1(), 1e-9);
        assertEquals("transform_input", WeightsRegistry.get("inception_v3", null).variant());
        assertEquals(
                "bicubic",
                WeightsRegistry.get("inception_v4", null).preprocessing().interpolation());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> WeightsRegistry.get("resnet50", "IMAGENET1K_V9"));
        assertTrue(e.getMessage().contains("IMAGENET1K_V1, IMAGENET1K_V2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightsRegistry.get("lenet5", null));
        assertTrue(e.getMessage().contains("resnet50"), e.getMessage());
    }

    @Test
    void labelsAreTheImageNetCategories() {
        List<String> labels = WeightsRegistry.get("resnet18", null).labels();
        assertEquals(1000, labels.size());
        assertEquals("tench", labels.get(0));
        assertEquals("toilet tissue", labels.get(999));
        List<String> fid = WeightsRegistry.get("fid_inception_v3", null).labels();
        assertEquals(1008, fid.size());
        assertEquals("1007", fid.get(1007));
    }

    @Test
    void densenetKeysOfTheOldCheckpointsAreRewritten() {
        PretrainedWeights w = WeightsRegistry.get("densenet121", null);
        var sd = new java.util.LinkedHashMap<String, org.alphatree.blocks.weights.TensorData>();
        sd.put("features.denseblock1.denselayer1.norm.1.weight", null);
        sd.put("features.denseblock1.denselayer1.conv.2.weight", null);
        sd.put("features.norm0.weight", null);
        assertEquals(
                List.of(
                        "features.denseblock1.denselayer1.norm1.weight",
                        "features.denseblock1.denselayer1.conv2.weight",
                        "features.norm0.weight"),
                new ArrayList<>(w.rename(sd).keySet()));
    }

    @Test
    void entriesAreValidated() {
        var p = org.alphatree.blocks.registry.Preprocessing.IMAGENET;
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new PretrainedWeights(
                                "m",
                                "n",
                                true,
                                "file:///etc/passwd",
                                "a.pth",
                                "",
                                p,
                                "",
                                10,
                                0,
                                0,
                                0,
                                "",
                                "",
                                "",
                                "",
                                null));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new PretrainedWeights(
                                "m",
                                "n",
                                true,
                                "https://x/a",
                                "../a.pth",
                                "",
                                p,
                                "",
                                10,
                                0,
                                0,
                                0,
                                "",
                                "",
                                "",
                                "",
                                null));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new PretrainedWeights(
                                "m",
                                "n",
                                true,
                                "https://x/a",
                                "a.pth",
                                "xyz",
                                p,
                                "",
                                10,
                                0,
                                0,
                                0,
                                "",
                                "",
                                "",
                                "",
                                null));
    }
}

package org.alphatree.cli.gallery;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.alphatree.blocks.diagram.BlockDiagrams;
import org.alphatree.blocks.diagram.Diagram;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;

/**
 * Generates the docs gallery: for every registered network a page with its diagram, summary table,
 * paper, and the code that builds it; an index mirroring the guide's families. The output is
 * deterministic, so a test can regenerate it and compare with the committed files.
 */
public final class Gallery {
    private Gallery() {}

    /** The block of each family drawn on its network's page, expanded one level. */
    private static final Map<String, String> FAMILY_BLOCK =
            Map.of(
                    "ResNet",
                    "layer2.0",
                    "Inception",
                    "",
                    "DenseNet",
                    "features.transition1",
                    "DPN",
                    "features.conv3_1",
                    "Classic",
                    "features");

    /** Inception family pages draw this module (the one that looks like the paper's figure). */
    private static final Map<String, String> MODEL_BLOCK =
            Map.ofEntries(
                    Map.entry("googlenet", "inception3a"),
                    Map.entry("inception_v3", "Mixed_5b"),
                    Map.entry("fid_inception_v3", "Mixed_7c"),
                    Map.entry("inception_v4", "features.6"),
                    Map.entry("inception_resnet_v2", "repeat.0"),
                    Map.entry("resnetv2_50", "stages.1.blocks.0"),
                    // the light line: a Fire, a residual inverted bottleneck (with SE in V3),
                    // a stride-2 shuffle unit (both branches); "@2" expands two levels, as
                    // their layers sit in one body sequence
                    Map.entry("squeezenet1_0", "features.3"),
                    Map.entry("squeezenet1_1", "features.3"),
                    Map.entry("mobilenet_v2", "features.3@3"),
                    Map.entry("mobilenet_v3_large", "features.5@3"),
                    Map.entry("mobilenet_v3_small", "features.5@3"),
                    Map.entry("mnasnet0_5", "layers.9.1@2"),
                    Map.entry("mnasnet0_75", "layers.9.1@2"),
                    Map.entry("mnasnet1_0", "layers.9.1@2"),
                    Map.entry("mnasnet1_3", "layers.9.1@2"),
                    Map.entry("shufflenet_v2_x0_5", "stage2.0@2"),
                    Map.entry("shufflenet_v2_x1_0", "stage2.0@2"),
                    Map.entry("shufflenet_v2_x1_5", "stage2.0@2"),
                    Map.entry("shufflenet_v2_x2_0", "stage2.0@2"),
                    Map.entry("mobilenetv1_100", "blocks.1.0"),
                    Map.entry("legacy_xception", "block4@2"),
                    Map.entry("shufflenet_v1_g1", "stage3.1"),
                    Map.entry("shufflenet_v1_g2", "stage3.1"),
                    Map.entry("shufflenet_v1_g3", "stage3.1"),
                    Map.entry("shufflenet_v1_g4", "stage3.1"),
                    Map.entry("shufflenet_v1_g8", "stage3.1"),
                    Map.entry("polynet", "stage_b.0"),
                    Map.entry("nasnetalarge", "cell_1"),
                    Map.entry("pnasnet5large", "cell_1"),
                    Map.entry("nasnetamobile", "cell_1"));

    /**
     * Writes the gallery into {@code dir} ({@code index.md}, {@code <model>.md}, {@code
     * <model>.svg}, {@code <model>-block.svg}).
     *
     * @param dir the folder
     * @param progress called with the number of networks done (may be null)
     * @return the files written
     * @throws IOException on a write error
     */
    public static List<Path> generate(Path dir, IntConsumer progress) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Map<String, String> bench =
                BenchmarkNumbers.read(dir.toAbsolutePath().getParent().resolve("benchmarks"));
        Map<String, List<ModelInfo>> families = new LinkedHashMap<>();
        int done = 0;
        for (ModelInfo info : ModelRegistry.all()) {
            families.computeIfAbsent(info.family().title(), k -> new ArrayList<>()).add(info);
            written.addAll(page(dir, info, bench));
            if (progress != null) {
                progress.accept(++done);
            }
        }
        StringBuilder idx = new StringBuilder("# Gallery\n\n");
        idx.append(
                        "Every registered network, drawn by AlphaTree from its own blocks (`./alphatree gallery`")
                .append(" regenerates this folder; a test fails when it is stale).\n\n");
        for (Map.Entry<String, List<ModelInfo>> f : families.entrySet()) {
            idx.append("## ")
                    .append(lineOf(f.getKey()))
                    .append(
                            "\n\n| model | reference | trainable parameters | GMACs | input |\n| --- | --- | ---: | ---: | --- |\n");
            for (ModelInfo m : f.getValue()) {
                idx.append(
                        String.format(
                                Locale.ROOT,
                                "| [%s](%s.md) | %s | %,d | %.3f | %s |%n",
                                m.name(),
                                m.name(),
                                m.reference(),
                                m.trainableParameters(),
                                m.gmacs(),
                                dims(m)));
            }
            idx.append('\n');
        }
        idx.append(
                "## Block families\n\nOne representative block per family, at the shape it has in its reference network.\n\n| block | where | input |\n| --- | --- | --- |\n");
        Files.createDirectories(dir.resolve("blocks"));
        for (BlockCatalog.Entry e : BlockCatalog.all().values()) {
            written.addAll(blockPage(dir.resolve("blocks"), e, bench));
            long[] s = e.input().getShape();
            idx.append(
                    String.format(
                            Locale.ROOT,
                            "| [%s](blocks/%s.md) | %s | %d×%d×%d |%n",
                            e.name(),
                            e.name(),
                            e.where(),
                            s[1],
                            s[2],
                            s[3]));
        }
        idx.append('\n');
        Path index = dir.resolve("index.md");
        Files.writeString(index, idx);
        written.add(index);
        return written;
    }

    private static String lineOf(String family) {
        return switch (family) {
            case "ResNet" -> "ResNet line (residual learning, ResNeXt, SE)";
            case "Inception" -> "Inception line";
            case "DenseNet" -> "Dense line: DenseNet";
            case "DPN" -> "Dense line: Dual Path Networks";
            default -> family;
        };
    }

    private static String dims(ModelInfo m) {
        long[] s = m.defaultInputShape().getShape();
        return s[1] + "×" + s[2] + "×" + s[3];
    }

    private static List<Path> blockPage(Path dir, BlockCatalog.Entry e, Map<String, String> bench)
            throws IOException {
        List<Path> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = e.factory().get();
            b.initialize(m, DataType.FLOAT32, e.input());
            BlockSummary s = BlockSummary.of(m, e.name(), b, e.input());
            Path svg = dir.resolve(e.name() + ".svg");
            Files.writeString(svg, Diagram.of(e.name(), b, 1, m, e.input()).toSvg());
            out.add(svg);
            StringBuilder md = new StringBuilder("# ").append(e.name()).append("\n\n");
            md.append("`")
                    .append(b.getClass().getName())
                    .append("` — ")
                    .append(e.where())
                    .append(", input ")
                    .append(e.input())
                    .append(".\n\n");
            md.append("```java\nBlock block = BlockCatalog.find(\"")
                    .append(e.name())
                    .append("\").factory().get();\n```\n\n");
            md.append("![").append(e.name()).append("](").append(e.name()).append(".svg)\n\n");
            String t = bench.get("block:" + e.name());
            if (t != null) {
                md.append("Benchmark (docs/benchmarks.md): ").append(t).append("\n\n");
            }
            md.append("```\n").append(s.toTable(2)).append("```\n");
            Path page = dir.resolve(e.name() + ".md");
            Files.writeString(page, md);
            out.add(page);
        }
        return out;
    }

    private static List<Path> page(Path dir, ModelInfo info, Map<String, String> bench)
            throws IOException {
        List<Path> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = info.build();
            net.initialize(m, DataType.FLOAT32, info.defaultInputShape());
            BlockSummary s = BlockSummary.of(m, info.name(), net, info.defaultInputShape());
            Path svg = dir.resolve(info.name() + ".svg");
            Files.writeString(
                    svg, Diagram.of(info.name(), net, 1, m, info.defaultInputShape()).toSvg());
            out.add(svg);
            String blockPath =
                    MODEL_BLOCK.getOrDefault(
                            info.name(), FAMILY_BLOCK.getOrDefault(info.family().title(), ""));
            int depth = 1;
            if (blockPath.contains("@")) {
                depth = Integer.parseInt(blockPath.substring(blockPath.indexOf('@') + 1));
                blockPath = blockPath.substring(0, blockPath.indexOf('@'));
            }
            Path blockSvg = null;
            if (!blockPath.isEmpty()) {
                blockSvg = dir.resolve(info.name() + "-block.svg");
                Files.writeString(
                        blockSvg, BlockDiagrams.of(info, net, blockPath, depth, m).toSvg());
                out.add(blockSvg);
            }
            StringBuilder md = new StringBuilder("# ").append(info.name()).append("\n\n");
            md.append("*").append(info.paper()).append("*\n\n");
            md.append(
                    String.format(
                            Locale.ROOT,
                            "Reference: `%s` · trainable parameters **%,d** (equal to the reference) · **%.3f** GMACs at %s · minimum input %d×%d.%n%n",
                            info.reference(),
                            info.trainableParameters(),
                            info.gmacs(),
                            dims(info),
                            info.minInputSize(),
                            info.minInputSize()));
            md.append("```java\nBlock net = AlphaTree.model(\"")
                    .append(info.name())
                    .append("\");\nnet.initialize(manager, DataType.FLOAT32, new Shape(")
                    .append(info.defaultInputShape().toString().replaceAll("[()]", ""))
                    .append("));\n```\n\n");
            md.append("## Diagram\n\n![")
                    .append(info.name())
                    .append("](")
                    .append(info.name())
                    .append(".svg)\n\n");
            if (blockSvg != null) {
                md.append("A block, expanded: `")
                        .append(blockPath)
                        .append("`\n\n![block](")
                        .append(info.name())
                        .append("-block.svg)\n\n");
            }
            String t = bench.get("model:" + info.name());
            if (t != null) {
                md.append("## Benchmark\n\n").append(t).append(" (docs/benchmarks.md)\n\n");
            }
            md.append("## Summary\n\n```\n").append(s.toTable(1)).append("```\n");
            Path page = dir.resolve(info.name() + ".md");
            Files.writeString(page, md);
            out.add(page);
        }
        return out;
    }
}

package org.alphatree.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatree.blocks.hub.HubCache;
import org.alphatree.blocks.hub.PretrainedWeights;
import org.alphatree.blocks.hub.WeightsRegistry;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree weights}: weight-file tools. */
@Command(
        name = "weights",
        description =
                "List, download and inspect weight files (PyTorch .pth/.pt, .safetensors, .npz).",
        subcommands = {
            WeightsCommand.ListWeights.class,
            WeightsCommand.Download.class,
            WeightsCommand.Inspect.class
        })
final class WeightsCommand extends CliCommand {

    /** Without a subcommand: prints the usage, which lists them. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return 0;
    }

    /** {@code alphatree weights list}. */
    @Command(
            name = "list",
            description = {
                "List the published weights: model, name, top-1/top-5, size, whether cached.",
                "Default weights are marked with *."
            })
    static final class ListWeights extends CliCommand {

        @Parameters(arity = "0..1", paramLabel = "<model>", description = "Only this network.")
        String model;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(
                names = "--markdown",
                description = "Print the Markdown table of docs/pretrained.md.")
        boolean markdown;

        @Override
        public Integer call() {
            if (markdown) {
                spec.commandLine()
                        .getOut()
                        .print(
                                markdown(
                                        WeightsRegistry.all().stream()
                                                .filter(w -> !w.source().equals("test"))
                                                .toList()));
                out().flush();
                return 0;
            }
            if (model != null) {
                ModelRegistry.get(model);
            }
            HubCache cache = HubCache.defaultCache();
            PrintWriter out = out();
            List<PretrainedWeights> list =
                    model == null ? WeightsRegistry.all() : WeightsRegistry.of(model);
            StringBuilder js = new StringBuilder("[");
            for (PretrainedWeights w : list) {
                boolean cached = Files.isRegularFile(cache.path(w));
                if (json) {
                    js.append(js.length() > 1 ? "," : "")
                            .append("{\"model\":")
                            .append(Json.str(w.model()))
                            .append(",\"weights\":")
                            .append(Json.str(w.name()))
                            .append(",\"default\":")
                            .append(w.isDefault())
                            .append(",\"url\":")
                            .append(Json.str(w.url()))
                            .append(",\"sha256\":")
                            .append(Json.str(w.sha256()))
                            .append(",\"top1\":")
                            .append(Double.isNaN(w.top1()) ? "null" : w.top1())
                            .append(",\"top5\":")
                            .append(Double.isNaN(w.top5()) ? "null" : w.top5())
                            .append(",\"license\":")
                            .append(Json.str(w.license()))
                            .append(",\"cached\":")
                            .append(cached)
                            .append('}');
                } else {
                    out.printf(
                            Locale.ROOT,
                            "%-20s %-28s %6s %6s %8s  %s%n",
                            w.model(),
                            w.name() + (w.isDefault() ? " *" : ""),
                            Double.isNaN(w.top1())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.2f", w.top1()),
                            Double.isNaN(w.top5())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.2f", w.top5()),
                            Double.isNaN(w.sizeMb())
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.1f MB", w.sizeMb()),
                            cached ? "cached" : "");
                }
            }
            if (json) {
                out.println(js.append(']'));
            } else {
                out.println(list.size() + " weights; cache: " + cache.directory());
            }
            return 0;
        }
    }

    /** The table of docs/pretrained.md, one row per set of weights. */
    static String markdown(List<PretrainedWeights> list) {
        StringBuilder sb =
                new StringBuilder(
                        "| model | weights | top-1 | top-5 | size | transforms | source |\n"
                                + "|---|---|---:|---:|---:|---|---|\n");
        for (PretrainedWeights w : list) {
            var p = w.preprocessing();
            sb.append("| `")
                    .append(w.model())
                    .append("` | ")
                    .append(w.isDefault() ? "**" + w.name() + "**" : w.name())
                    .append(" | ")
                    .append(
                            Double.isNaN(w.top1())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.2f", w.top1()))
                    .append(" | ")
                    .append(
                            Double.isNaN(w.top5())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.2f", w.top5()))
                    .append(" | ")
                    .append(
                            Double.isNaN(w.sizeMb())
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.1f MB", w.sizeMb()))
                    .append(" | ")
                    .append(
                            p.crop() > 0
                                    ? "resize "
                                            + p.resize()
                                            + " "
                                            + p.interpolation()
                                            + ", crop "
                                            + p.crop()
                                    : "resize " + p.resize() + "² " + p.interpolation())
                    .append(" | ")
                    .append(w.source())
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** {@code alphatree weights download}. */
    @Command(
            name = "download",
            description = {
                "Download a network's published weights into the cache and verify their SHA-256.",
                "The cache is $ALPHATREE_HOME/hub/checkpoints (~/.alphatree by default).",
                "A partial download resumes; ALPHATREE_HUB_MIRROR=https://host/path fetches",
                "from a mirror."
            })
    static final class Download extends CliCommand {

        @Parameters(arity = "1..*", paramLabel = "<model>", description = "Registry names.")
        List<String> models;

        @Option(
                names = "--weights",
                paramLabel = "NAME",
                description = "Weights name (default: each network's default weights).")
        String weights;

        @Override
        public Integer call() throws Exception {
            HubCache cache = HubCache.defaultCache();
            PrintWriter out = out();
            for (String m : models) {
                ModelRegistry.get(m);
                PretrainedWeights w = WeightsRegistry.get(m, weights);
                Path p = cache.fetch(w, new DownloadProgress(err()));
                out.println(w.id() + " " + p + " sha256 " + HubCache.sha256(p));
            }
            return 0;
        }
    }

    /** {@code alphatree weights inspect}. */
    @Command(
            name = "inspect",
            description = {
                "List the tensors of a weight file: key, dtype, shape, and the total element count.",
                "PyTorch pickles are read by a restricted reader that never executes anything."
            })
    static final class Inspect extends CliCommand {

        @Parameters(index = "0", paramLabel = "<file>", description = "The weight file.")
        Path file;

        @Option(
                names = "--key",
                paramLabel = "KEY",
                description =
                        "Sub-dict of a checkpoint to list (e.g. state_dict, model.ema); default: automatic.")
        String key;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Map<String, TensorData> sd = Weights.read(file, key);
            PrintWriter out = out();
            long total = 0;
            long params = 0;
            StringBuilder js =
                    new StringBuilder("{\"file\":")
                            .append(Json.str(file.toString()))
                            .append(",\"tensors\":[");
            boolean first = true;
            for (Map.Entry<String, TensorData> e : sd.entrySet()) {
                TensorData t = e.getValue();
                total += t.numel();
                if (!e.getKey().endsWith("num_batches_tracked")) {
                    params += t.numel();
                }
                if (json) {
                    js.append(first ? "" : ",")
                            .append("{\"key\":")
                            .append(Json.str(e.getKey()))
                            .append(",\"dtype\":\"")
                            .append(t.dtype().torchName())
                            .append("\",\"shape\":")
                            .append(Arrays.toString(t.shape()).replace(" ", ""))
                            .append('}');
                    first = false;
                } else {
                    out.printf(
                            Locale.ROOT,
                            "%-60s %-9s %s%n",
                            e.getKey(),
                            t.dtype().torchName(),
                            Arrays.toString(t.shape()));
                }
            }
            if (json) {
                out.println(
                        js.append("],\"count\":")
                                .append(sd.size())
                                .append(",\"elements\":")
                                .append(total)
                                .append(",\"parameters\":")
                                .append(params)
                                .append('}'));
            } else {
                out.printf(
                        Locale.ROOT,
                        "%d tensors, %,d elements (%,d without num_batches_tracked)%n",
                        sd.size(),
                        total,
                        params);
            }
            return 0;
        }
    }
}

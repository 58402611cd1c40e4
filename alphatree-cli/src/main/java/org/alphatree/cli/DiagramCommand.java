package org.alphatree.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.blocks.diagram.BlockDiagrams;
import org.alphatree.blocks.diagram.Diagram;
import org.alphatree.blocks.gan.GanModels;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree diagram}: a picture of a network or one of its blocks. */
@Command(
        name = "diagram",
        description = {
            "Draw a registered network, or one of its blocks, as SVG or Graphviz DOT.",
            "  alphatree diagram inception_v3:Mixed_5b -o mixed_5b.svg",
            "  alphatree diagram resnet50 --depth 2 -o resnet50.svg"
        })
final class DiagramCommand extends CliCommand {

    @Parameters(
            index = "0",
            paramLabel = "<model[:path]>",
            description =
                    "A registry name (or a GAN network such as progan_generator_1024), optionally"
                            + " with a block path: resnet50:layer1.0")
    String target;

    @Option(
            names = "--depth",
            defaultValue = "2",
            description = "Levels to expand, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--format",
            defaultValue = "svg",
            description = "svg or dot (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = {"-o", "--output"},
            required = true,
            description = "File to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (depth < 1 || depth > 64) {
            throw new IllegalArgumentException("--depth must be in [1, 64], got " + depth);
        }
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("svg") && !fmt.equals("dot")) {
            throw new IllegalArgumentException("--format must be svg or dot, got '" + format + "'");
        }
        String model = target.contains(":") ? target.substring(0, target.indexOf(':')) : target;
        String path = target.contains(":") ? target.substring(target.indexOf(':') + 1) : "";
        java.util.Optional<GanModels.Entry> gan =
                ModelRegistry.find(model).isPresent()
                        ? java.util.Optional.empty()
                        : GanModels.find(model);
        try (NDManager m = NDManager.newBaseManager()) {
            Diagram d =
                    gan.isPresent()
                            ? render(gan.get(), path, depth, m)
                            : render(CliModels.classifier(model), path, depth, m);
            Files.writeString(output, fmt.equals("svg") ? d.toSvg() : d.toDot());
        }
        out().println("wrote " + output);
        return 0;
    }

    static Diagram render(GanModels.Entry e, String path, int depth, NDManager m) {
        Block net = e.build();
        Shape[] in = e.inputShapes(e.defaultInputShape());
        net.initialize(m, DataType.FLOAT32, in);
        return path.isEmpty()
                ? Diagram.of(e.name(), net, depth, m, in)
                : BlockDiagrams.of(e.name(), in, net, path, depth, m);
    }

    static Diagram render(ModelInfo info, String path, int depth, NDManager m) {
        Block net = info.build();
        Shape in = info.defaultInputShape();
        net.initialize(m, DataType.FLOAT32, in);
        return path.isEmpty()
                ? Diagram.of(info.name(), net, depth, m, in)
                : BlockDiagrams.of(info, net, path, depth, m);
    }
}

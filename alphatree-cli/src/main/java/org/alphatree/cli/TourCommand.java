package org.alphatree.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.blocks.summary.BlockSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alphatree tour}: what AlphaTree does, in a few minutes, with paths to everything it wrote.
 */
@Command(
        name = "tour",
        description = {
            "A tour of AlphaTree: networks, diagrams, a benchmark and a GAN run (about 2 minutes).",
            "Every registered network is built and its parameter count checked against the",
            "reference, diagrams are drawn from the blocks, a quick benchmark runs with the",
            "allocator tuning, and a short seeded GAN run writes a loss curve (2 cores)."
        })
final class TourCommand extends CliCommand {

    @Option(
            names = "--out",
            defaultValue = "target/tour",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = out();
        PrintWriter err = err();
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        o.println(
                "AlphaTree tour — DJL "
                        + Engine.getInstance().getEngineName()
                        + " "
                        + Engine.getInstance().getVersion()
                        + ", output in "
                        + out.toAbsolutePath());
        o.println();
        o.println(
                "1. The registry: every network built, trainable parameters counted like torchvision (BN running stats excluded)");
        List<ModelInfo> models = ModelRegistry.all();
        Progress p = new Progress(err, "building", models.size(), "networks/s");
        List<String> lines = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < models.size(); i++) {
            ModelInfo info = models.get(i);
            int s = Math.max(32, info.minInputSize());
            try (NDManager m = NDManager.newBaseManager()) {
                Block net = info.build();
                net.initialize(
                        m, DataType.FLOAT32, new Shape(1, info.defaultInputShape().get(1), s, s));
                long count = BlockSummary.count(net, true);
                boolean match = count == info.trainableParameters();
                ok += match ? 1 : 0;
                lines.add(
                        String.format(
                                Locale.ROOT,
                                "   %-20s %14s  %s %-40s",
                                info.name(),
                                String.format(Locale.ROOT, "%,d", count),
                                match ? "= " : "≠ ",
                                info.reference()));
            }
            p.accept(i + 1);
        }
        lines.forEach(o::println);
        o.printf(
                Locale.ROOT,
                "   %d of %d networks have exactly the reference's trainable parameters (outputs are checked by the test suite).%n%n",
                ok,
                models.size());
        o.flush();

        o.println("2. Diagrams, drawn from the blocks themselves");
        String[][] diagrams = {
            {"inception_v3:Mixed_5b", "1"},
            {"resnet50:layer1.0", "1"},
            {"inception_resnet_v2:repeat.0", "1"},
            {"densenet121", "1"}
        };
        for (String[] d : diagrams) {
            Path file = out.resolve(d[0].replace(':', '_').replace('.', '_') + ".svg");
            run("diagram", d[0], "--depth", d[1], "-o", file.toString());
        }
        o.println();
        o.flush();

        o.println(
                "3. A quick benchmark (native allocator tuning "
                        + (NativeAllocator.isTuned() ? "on" : "off")
                        + ")");
        run("bench", "resnet18", "--batch", "1", "--seconds", "6");
        o.println();
        o.flush();

        o.println(
                "4. A seeded GAN run (about 30 s): WGAN-GP on a ring of 8 Gaussians, leak-free"
                        + " gradient penalty, the recipe GanTrainerTest checks covers the modes");
        Path gan = out.resolve("gan");
        run("gan", "train", "--loss", "wgan-gp", "--out", gan.toString(), "--seed", "2");
        o.println("   samples:    " + gan.resolve("samples.png"));
        o.println("   loss curve: " + gan.resolve("loss_curve.png"));
        o.println();
        o.printf(
                Locale.ROOT,
                "Done in %.0f s. Next: ./alphatree --help, docs/index.md, docs/gallery/index.md%n",
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private void run(String... args) {
        CommandLine cl = spec.commandLine().getParent();
        int code = cl.execute(args);
        if (code != 0) {
            throw new IllegalStateException("tour step '" + String.join(" ", args) + "' failed");
        }
    }
}

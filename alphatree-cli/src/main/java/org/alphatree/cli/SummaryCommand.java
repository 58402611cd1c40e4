package org.alphatree.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import org.alphatree.blocks.gan.GanModels;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.summary.BlockSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree summary}: per-layer table, parameters and MACs of a registered network. */
@Command(
        name = "summary",
        description = {
            "Summarize a registered network: per-layer output shapes, parameters and MACs.",
            "Trainable parameters exclude BatchNorm running statistics (as torchvision counts);",
            "MACs count convolutions and linear layers."
        })
final class SummaryCommand extends CliCommand {

    @Parameters(
            index = "0",
            paramLabel = "<model>",
            description =
                    "Registry name, e.g. resnet50 (see: alphatree models), or a GAN network:"
                            + " dcgan_generator_64, dcgan_discriminator_64, progan_generator_1024,"
                            + " progan_discriminator_1024.")
    String model;

    @Option(
            names = "--input-shape",
            paramLabel = "N,C,H,W",
            description = "Input shape (default: the model's, e.g. 1,3,224,224).")
    String inputShape;

    @Option(
            names = "--json",
            description =
                    "Print JSON: model, trainable_parameters, total_parameters, macs, output_shape, layers.")
    boolean json;

    @Option(
            names = "--depth",
            defaultValue = "3",
            description = "Deepest layer level shown, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int depth;

    @Mixin NumClassesOption classes;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        if (depth < 1 || depth > 64) {
            throw new IllegalArgumentException("--depth must be in [1, 64], got " + depth);
        }
        java.util.Optional<GanModels.Entry> gan =
                ModelRegistry.find(model).isPresent()
                        ? java.util.Optional.empty()
                        : GanModels.find(model);
        if (gan.isPresent()) {
            return gan(gan.get(), out, err);
        }
        ModelInfo info = CliModels.classifier(model);
        Shape shape = inputShape == null ? info.defaultInputShape() : Shapes.parse(inputShape);
        if (shape.get(2) < info.minInputSize() || shape.get(3) < info.minInputSize()) {
            throw new IllegalArgumentException(
                    model
                            + " needs an input of at least "
                            + info.minInputSize()
                            + "x"
                            + info.minInputSize()
                            + ", got "
                            + shape.get(2)
                            + "x"
                            + shape.get(3));
        }
        classes.validate();
        err.println("Tracing " + model + " on " + shape + " ...");
        err.flush();
        try (NDManager m = NDManager.newBaseManager()) {
            BlockSummary s = BlockSummary.of(m, model, classes.build(info), shape);
            out.println(json ? s.toJson(depth) : s.toTable(depth));
        }
        return 0;
    }

    /** A GAN generator or discriminator: no classifier, so no --num-classes. */
    private int gan(GanModels.Entry e, PrintWriter out, PrintWriter err) {
        if (classes.numClasses != null) {
            throw new IllegalArgumentException(
                    e.name()
                            + " is a GAN "
                            + e.role().name().toLowerCase(java.util.Locale.ROOT)
                            + ": --num-classes does not apply");
        }
        Shape shape = inputShape == null ? e.defaultInputShape() : Shapes.parse(inputShape);
        Shape[] shapes = e.inputShapes(shape);
        err.println("Tracing " + e.name() + " on " + java.util.Arrays.toString(shapes) + " ...");
        err.flush();
        try (NDManager m = NDManager.newBaseManager()) {
            BlockSummary s =
                    BlockSummary.of(
                            m,
                            e.name(),
                            e.build(),
                            shape,
                            java.util.Arrays.copyOfRange(shapes, 1, shapes.length));
            out.println(json ? s.toJson(depth) : s.toTable(depth));
        }
        return 0;
    }
}

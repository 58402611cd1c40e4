package org.alphatree.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.registry.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alphatree models}: the registry table. */
@Command(
        name = "models",
        description = "List the registered networks with their reference, parameters and MACs.")
final class ModelsCommand extends CliCommand {

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            boolean first = true;
            for (ModelInfo m : ModelRegistry.all()) {
                sb.append(first ? "" : ",");
                first = false;
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "{\"model\":\"%s\",\"family\":\"%s\",\"reference\":\"%s\","
                                        + "\"trainable_parameters\":%d,\"gmacs\":%.3f,"
                                        + "\"input_shape\":%s,\"min_input_size\":%d,"
                                        + "\"num_classes\":%d,\"first_conv\":\"%s\","
                                        + "\"classifier\":\"%s\",\"preprocessing\":%s}",
                                m.name(),
                                m.family(),
                                m.reference(),
                                m.trainableParameters(),
                                m.gmacs(),
                                Shapes.json(m.defaultInputShape()),
                                m.minInputSize(),
                                m.numClasses(),
                                m.firstConv(),
                                m.classifier(),
                                preprocessing(m.preprocessing())));
            }
            out.println(sb.append(']'));
            return 0;
        }
        String fmt = "%-20s %-8s %-36s %14s %9s  %s%n";
        out.printf(Locale.ROOT, fmt, "model", "family", "reference", "params", "GMACs", "input");
        for (ModelInfo m : ModelRegistry.all()) {
            out.printf(
                    Locale.ROOT,
                    fmt,
                    m.name(),
                    m.family(),
                    m.reference(),
                    String.format(Locale.ROOT, "%,d", m.trainableParameters()),
                    String.format(Locale.ROOT, "%.3f", m.gmacs()),
                    Shapes.text(m.defaultInputShape()));
        }
        out.printf(
                Locale.ROOT,
                "%d networks. Details: alphatree summary <model>%n",
                ModelRegistry.all().size());
        return 0;
    }

    private static String preprocessing(Preprocessing p) {
        return String.format(
                Locale.ROOT,
                "{\"resize\":%d,\"crop\":%d,\"interpolation\":\"%s\",\"mean\":%s,\"std\":%s}",
                p.resize(),
                p.crop(),
                p.interpolation(),
                floats(p.mean()),
                floats(p.std()));
    }

    private static String floats(float[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", v[i]));
        }
        return sb.append(']').toString();
    }
}

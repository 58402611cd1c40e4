package org.alphatree.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alphatree weights}: weight-file tools. */
@Command(
        name = "weights",
        mixinStandardHelpOptions = true,
        description =
                "Inspect weight files (PyTorch .pth/.pt in zip or legacy format, .safetensors, .npz).",
        subcommands = {WeightsCommand.Inspect.class})
final class WeightsCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code alphatree weights inspect}. */
    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description = {
                "List the tensors of a weight file: key, dtype, shape, and the total element count.",
                "PyTorch pickles are read by a restricted reader that never executes anything."
            })
    static final class Inspect implements Callable<Integer> {
        @Spec CommandSpec spec;

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
            PrintWriter out = spec.commandLine().getOut();
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

package org.alphatree.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.metrics.FeatureExtraction;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.metrics.KernelInceptionDistance;
import org.alphatree.metrics.MeanStd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree kid}: Kernel Inception Distance, like torch-fidelity. */
@Command(
        name = "kid",
        description =
                "Kernel Inception Distance between two image folders (cubic polynomial kernel, unbiased MMD², random subsets).")
final class KidCommand extends CliCommand {

    @Mixin MetricOptions opts;

    @Parameters(arity = "2", paramLabel = "PATH", description = "Two image folders.")
    Path[] paths;

    @Option(
            names = "--subsets",
            defaultValue = "100",
            description = "Subsets (default: ${DEFAULT-VALUE}).")
    int subsets;

    @Option(
            names = "--subset-size",
            defaultValue = "1000",
            description =
                    "Samples per subset, capped at the smaller set (default: ${DEFAULT-VALUE}).")
    int subsetSize;

    @Option(
            names = "--seed",
            defaultValue = "2020",
            description = "Subset seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin DimsOption dimsOption;

    @Override
    public Integer call() throws Exception {
        Outputs.checkRange(subsets, 1, 100_000, "--subsets");
        Outputs.checkRange(subsetSize, 2, 1_000_000, "--subset-size");
        int dims = dimsOption.get();
        ImageFolder[] folders = {ImageFolder.of(paths[0]), ImageFolder.of(paths[1])};
        double[][] features = new double[2][];
        try (FidInception net = opts.load(err())) {
            for (int i = 0; i < 2; i++) {
                features[i] =
                        FeatureExtraction.features(
                                net,
                                folders[i],
                                opts.batchSize,
                                dims,
                                MetricOptions.progress(err(), paths[i], folders[i]));
            }
        }
        int na = folders[0].files().size();
        int nb = folders[1].files().size();
        int size = Math.min(subsetSize, Math.min(na, nb));
        MeanStd r =
                KernelInceptionDistance.compute(
                        features[0], na, features[1], nb, dims, subsets, size, seed);
        spec.commandLine()
                .getOut()
                .println(
                        String.format(
                                Locale.ROOT,
                                "KID: %.6f ± %.6f",
                                Outputs.checkFinite(r.mean(), "KID"),
                                Outputs.checkFinite(r.std(), "KID's standard deviation")));
        return 0;
    }
}

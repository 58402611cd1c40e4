package org.alphatree.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.metrics.FeatureExtraction;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.metrics.InceptionScore;
import org.alphatree.metrics.MeanStd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree is}: Inception Score, like torch-fidelity. */
@Command(
        name = "is",
        description =
                "Inception Score of an image folder (torch-fidelity's conventions: unbiased logits, 10 splits).")
final class IsCommand extends CliCommand {

    @Mixin MetricOptions opts;

    @Parameters(index = "0", paramLabel = "PATH", description = "Image folder.")
    Path path;

    @Option(
            names = "--splits",
            defaultValue = "10",
            description = "Splits (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(
            names = "--shuffle-seed",
            description =
                    "Shuffle the images with this seed before splitting (default: no shuffle).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        Outputs.checkRange(splits, 1, 100_000, "--splits");
        ImageFolder folder = ImageFolder.of(path);
        double[] logits;
        try (FidInception net = opts.load(err())) {
            logits =
                    FeatureExtraction.logits(
                            net,
                            folder,
                            opts.batchSize,
                            MetricOptions.progress(err(), path, folder));
        }
        MeanStd r = InceptionScore.compute(logits, folder.files().size(), 1008, splits, seed);
        spec.commandLine()
                .getOut()
                .println(
                        String.format(
                                Locale.ROOT,
                                "IS: %.6f ± %.6f",
                                Outputs.checkFinite(r.mean(), "IS"),
                                Outputs.checkFinite(r.std(), "IS's standard deviation")));
        return 0;
    }
}

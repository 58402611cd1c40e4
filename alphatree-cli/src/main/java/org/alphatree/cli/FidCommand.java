package org.alphatree.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.metrics.FeatureExtraction;
import org.alphatree.metrics.FeatureStatistics;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.FrechetDistance;
import org.alphatree.metrics.GaussianStatistics;
import org.alphatree.metrics.ImageFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree fid}: Fréchet Inception Distance, like pytorch-fid. */
@Command(
        name = "fid",
        description = {
            "Fréchet Inception Distance between two image folders or pytorch-fid .npz statistics.",
            "It is computed as pytorch-fid does (same network, weights, preprocessing and math).",
            "  alphatree fid real/ fake/",
            "  alphatree fid --save-stats real/ real_stats.npz"
        })
final class FidCommand extends CliCommand {

    @Mixin MetricOptions opts;

    @Parameters(
            arity = "2",
            paramLabel = "PATH",
            description =
                    "Two image folders or .npz statistics (with --save-stats: a folder and the .npz to write).")
    Path[] paths;

    @Option(
            names = "--save-stats",
            description = "Compute the statistics of the first path and write them to the second.")
    boolean saveStats;

    @Mixin DimsOption dimsOption;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        int dims = dimsOption.get();
        if (saveStats) {
            Outputs.checkWritable(paths[1], "--save-stats output");
        }
        for (int i = 0; i < (saveStats ? 1 : 2); i++) {
            if (!isNpz(paths[i])) {
                ImageFolder.of(paths[i]); // a clear error before the network loads
            }
        }
        if (saveStats) {
            try (FidInception net = opts.load(err())) {
                stats(net, paths[0], dims, err).write(paths[1]);
            }
            out.println("saved statistics of " + paths[0] + " to " + paths[1]);
            return 0;
        }
        GaussianStatistics a;
        GaussianStatistics b;
        if (isNpz(paths[0]) && isNpz(paths[1])) {
            a = GaussianStatistics.read(paths[0]);
            b = GaussianStatistics.read(paths[1]);
        } else {
            try (FidInception net = opts.load(err())) {
                a =
                        isNpz(paths[0])
                                ? GaussianStatistics.read(paths[0])
                                : stats(net, paths[0], dims, err);
                b =
                        isNpz(paths[1])
                                ? GaussianStatistics.read(paths[1])
                                : stats(net, paths[1], dims, err);
            }
        }
        if (a.dims() != b.dims()) {
            throw new IllegalArgumentException(
                    "statistics have " + a.dims() + " and " + b.dims() + " dimensions");
        }
        FrechetDistance.Result r = FrechetDistance.compute(a.mu(), a.sigma(), b.mu(), b.sigma());
        for (String w : r.warnings()) {
            err.println("warning: " + w);
        }
        out.println(String.format(Locale.ROOT, "FID: %.6f", Outputs.checkFinite(r.value(), "FID")));
        return 0;
    }

    static boolean isNpz(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    private GaussianStatistics stats(FidInception net, Path dir, int dims, PrintWriter err)
            throws Exception {
        ImageFolder folder = ImageFolder.of(dir);
        FeatureStatistics s =
                FeatureExtraction.statistics(
                        net,
                        folder,
                        opts.batchSize,
                        dims,
                        MetricOptions.progress(err, dir, folder));
        if (s.count() <= dims) {
            err.println(
                    "warning: "
                            + dir
                            + " has "
                            + s.count()
                            + " images for "
                            + dims
                            + " dimensions: the covariance is rank-deficient and the FID estimate unreliable");
        }
        if (s.count() < 2) {
            throw new IllegalArgumentException(dir + " needs at least 2 images for a covariance");
        }
        return GaussianStatistics.of(s);
    }
}

package org.alphatree.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.alphatree.metrics.FeatureExtraction;
import org.alphatree.metrics.FeatureStatistics;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.GaussianStatistics;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.spark.SparkFeatureStatistics;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree fid-stats}: an image folder's FID statistics, on one JVM or on Spark. */
@Command(
        name = "fid-stats",
        description = {
            "Write the FID statistics (pytorch-fid .npz) of an image folder, here or on Spark.",
            "With --spark the folder may be any Hadoop path (hdfs://, s3a://, a local folder);",
            "the images are spread over partitions, one FID Inception per executor JVM, and the",
            "float64 partial statistics meet in a tree aggregation (docs/scale.md)."
        },
        footer = {
            "",
            "Examples:",
            "  alphatree fid-stats real/ -o real.npz",
            "  alphatree fid-stats --spark local[2] real/ -o real.npz",
            "  alphatree fid-stats --spark spark://host:7077 --weights /shared/pt_inception.pth \\",
            "      hdfs:///data/ffhq -o ffhq.npz --partitions 512 --skip-bad"
        })
final class FidStatsCommand extends CliCommand {

    @Mixin MetricOptions opts;

    @Parameters(index = "0", paramLabel = "<images>", description = "The image folder.")
    String images;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "The .npz to write (mu, sigma).")
    Path output;

    @Mixin DimsOption dimsOption;

    @Option(
            names = "--spark",
            paramLabel = "MASTER",
            description = "Run on Spark: local[N], spark://host:port, yarn, k8s://… .")
    String master;

    @Option(
            names = "--partitions",
            defaultValue = "0",
            description = "Spark partitions (default: 4 x the default parallelism).")
    int partitions;

    @Option(
            names = "--skip-bad",
            description = "Spark: skip and count unreadable images instead of failing.")
    boolean skipBad;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        int dims = dimsOption.get();
        Outputs.checkWritable(output, "--output");
        if (master == null && (skipBad || partitions != 0)) {
            throw new IllegalArgumentException("--skip-bad and --partitions need --spark");
        }
        long start = System.nanoTime();
        FeatureStatistics stats;
        String how;
        if (master == null) {
            ImageFolder folder = ImageFolder.of(Path.of(images));
            try (FidInception net = opts.load(err)) {
                start = System.nanoTime(); // the extraction only, as pytorch-fid's loop
                stats =
                        FeatureExtraction.statistics(
                                net,
                                folder,
                                opts.batchSize,
                                dims,
                                MetricOptions.progress(err, Path.of(images), folder));
            }
            how = "one JVM, extraction only";
        } else {
            // the driver fetches the weights once (the hub cache) so that local executors find them
            Path weights = opts.weights != null ? opts.weights : FidInception.cachedWeights();
            if (opts.weights == null) {
                opts.load(err).close();
            }
            SparkSession session =
                    SparkSession.builder()
                            .master(master)
                            .appName("alphatree fid-stats")
                            .getOrCreate();
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
                AtomicInteger tasks = new AtomicInteger();
                sc.sc()
                        .addSparkListener(
                                new SparkListener() {
                                    @Override
                                    public void onTaskEnd(SparkListenerTaskEnd e) {
                                        err.printf(
                                                Locale.ROOT,
                                                "\rspark: %d tasks done",
                                                tasks.incrementAndGet());
                                        err.flush();
                                    }
                                });
                SparkFeatureStatistics.Result r =
                        SparkFeatureStatistics.builder()
                                .setImages(images)
                                .optWeights(weights.toAbsolutePath().toString())
                                .optDims(dims)
                                .optBatchSize(opts.batchSize)
                                .optPreprocessing(opts.mode())
                                .optPartitions(partitions)
                                .optSkipBad(skipBad)
                                .build()
                                .compute(sc);
                err.println();
                stats = r.statistics();
                how =
                        String.format(
                                Locale.ROOT,
                                "Spark %s, %d partitions, aggregation depth %d, with Spark's start%s",
                                master,
                                r.partitions(),
                                r.depth(),
                                r.skipped() == 0
                                        ? ""
                                        : ", "
                                                + r.skipped()
                                                + " unreadable images skipped (first: "
                                                + r.skippedPaths().get(0)
                                                + ")");
            } finally {
                session.stop();
            }
        }
        GaussianStatistics.of(stats).write(output);
        double secs = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "wrote %s: %d images, %d dims (%s), %.1f images/s%n",
                output,
                stats.count(),
                dims,
                how,
                stats.count() / secs);
        return 0;
    }
}

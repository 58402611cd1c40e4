package org.alphatree.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.alphatree.metrics.FeatureExtraction;
import org.alphatree.metrics.FeatureStatistics;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.GaussianStatistics;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.metrics.Preprocessing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * pytorch-fid's statistics of an image folder on any Hadoop path, computed on Spark.
 *
 * <p>The driver lists the folder (PNG and JPEG, sorted, as {@link ImageFolder} does) and spreads
 * the paths over {@code partitions}. Each partition loads the FID Inception once per executor JVM
 * (weights from a path every executor can read, or the hub cache), decodes its images as Pillow
 * does, batches them, and sums count, features and outer products in float64. The partials — about
 * 34 MB serialized at 2048 dimensions — meet in a {@code treeReduce} whose depth keeps at most four
 * of them arriving anywhere, the driver included; they are never collected. Because the sums are
 * exact merges, the result equals the single-machine {@link FeatureStatistics} up to the order of
 * float64 additions, and a recomputed partition (a lost executor, a retried task) gives the same
 * partial.
 *
 * <p>A corrupt image fails the job with its path, or with {@link Builder#optSkipBad} is skipped and
 * counted. The accumulators {@code alphatree images} and {@code alphatree skipped} show progress in
 * Spark's UI (they count retried tasks twice; the result's counts do not).
 */
public final class SparkFeatureStatistics {

    /** The largest image file a task reads (a bigger one is refused with its path). */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private final Config config;
    private final String images;
    private final int partitions;

    private SparkFeatureStatistics(Builder b) {
        this.config =
                new Config(b.dims, b.batchSize, b.preprocessing, b.weights, b.skipBad, b.failOnce);
        this.images = b.images;
        this.partitions = b.partitions;
    }

    /**
     * Starts a job description.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The statistics and what they cover.
     *
     * @param statistics the merged statistics
     * @param images images in the statistics
     * @param skipped images skipped as unreadable ({@link Builder#optSkipBad})
     * @param skippedPaths the first {@value Partial#MAX_PATHS} skipped paths
     * @param partitions partitions the images were spread over
     * @param depth the depth of the tree aggregation
     */
    public record Result(
            FeatureStatistics statistics,
            long images,
            long skipped,
            List<String> skippedPaths,
            int partitions,
            int depth) {

        /**
         * Returns the Gaussian statistics (pytorch-fid's mu and sigma).
         *
         * @return the statistics
         */
        public GaussianStatistics gaussian() {
            return GaussianStatistics.of(statistics);
        }
    }

    /**
     * The aggregation depth for a number of partitions: at most four partials meet anywhere.
     *
     * @param partitions the partition count
     * @return Spark's {@code treeReduce} depth
     */
    public static int depth(int partitions) {
        int depth = 1;
        while (Math.pow(4, depth) < partitions) {
            depth++;
        }
        return Math.max(2, depth);
    }

    /**
     * Runs the job.
     *
     * @param sc the Spark context
     * @return the statistics
     * @throws IOException if the folder is missing or empty, or an image cannot be read (naming it)
     *     and bad images are not skipped
     */
    public Result compute(JavaSparkContext sc) throws IOException {
        List<String> files = list(images, sc.hadoopConfiguration());
        int p =
                partitions > 0
                        ? partitions
                        : Math.max(1, Math.min(files.size(), 4 * sc.defaultParallelism()));
        int depth = depth(p);
        LongAccumulator done = sc.sc().longAccumulator("alphatree images");
        LongAccumulator skipped = sc.sc().longAccumulator("alphatree skipped");
        Config cfg = config;
        JavaRDD<Partial> partials =
                sc.parallelize(files, p)
                        .mapPartitions(it -> List.of(run(cfg, it, done, skipped)).iterator());
        Partial total;
        try {
            total = partials.treeReduce(Partial::merge, depth);
        } catch (Exception e) { // Scala throws SparkException undeclared
            throw new IOException(rootMessage(e), e);
        }
        return new Result(
                total.statistics,
                total.statistics.count(),
                total.skipped,
                List.copyOf(total.skippedPaths),
                p,
                depth);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m;
    }

    /** Lists a folder's PNG and JPEG files, sorted, on any Hadoop file system. */
    static List<String> list(String dir, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new java.nio.file.NoSuchFileException(dir, null, "image folder not found");
        }
        if (!fs.getFileStatus(p).isDirectory()) {
            throw new IOException(dir + " is not a folder of images");
        }
        List<String> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(p)) {
            String n = s.getPath().getName().toLowerCase(Locale.ROOT);
            if (s.isFile() && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"))) {
                out.add(s.getPath().toString());
            }
            if (out.size() > ImageFolder.MAX_IMAGES * 16L) {
                throw new IOException(dir + " holds more images than one job should take");
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no .png/.jpg images in " + dir);
        }
        out.sort(null);
        return out;
    }

    /** One partition: batches of decoded images through this JVM's network. */
    private static Partial run(
            Config cfg, Iterator<String> paths, LongAccumulator done, LongAccumulator skipped)
            throws IOException {
        Partial partial = new Partial(cfg.dims);
        FidInception net = Executors.network(cfg.weights, cfg.preprocessing);
        Configuration conf = new Configuration();
        TaskContext task = TaskContext.get();
        int n = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            List<String> batch = new ArrayList<>(cfg.batchSize);
            while (paths.hasNext()) {
                batch.add(paths.next());
                if (batch.size() == cfg.batchSize || !paths.hasNext()) {
                    n += batch(cfg, net, m, conf, batch, partial);
                    done.add(batch.size());
                    batch.clear();
                    if (task != null
                            && task.partitionId() == cfg.failOnce
                            && task.attemptNumber() == 0) {
                        throw new IllegalStateException(
                                "injected failure of partition " + cfg.failOnce + " (test)");
                    }
                }
            }
        }
        skipped.add(partial.skipped);
        return partial;
    }

    private static int batch(
            Config cfg,
            FidInception net,
            NDManager m,
            Configuration conf,
            List<String> batch,
            Partial partial)
            throws IOException {
        try (NDManager scope = m.newSubManager()) {
            NDList images = new NDList(batch.size());
            List<String> used = new ArrayList<>();
            for (String path : batch) {
                try {
                    images.add(image(scope, path, conf, cfg.preprocessing));
                    used.add(path);
                } catch (IOException e) {
                    if (!cfg.skipBad) {
                        throw e;
                    }
                    partial.skip(path);
                }
            }
            if (images.isEmpty()) {
                return 0;
            }
            NDArray x = NDArrays.concat(images, 0);
            float[] rows = net.features(x, cfg.dims);
            for (int i = 0; i < rows.length; i++) {
                if (!Float.isFinite(rows[i])) {
                    throw new IllegalStateException(
                            "non-finite feature for " + used.get(i / cfg.dims));
                }
            }
            partial.statistics.add(rows, used.size());
            return used.size();
        }
    }

    /** Decodes one image from a Hadoop path: local files in place, others through a temp copy. */
    private static NDArray image(NDManager m, String path, Configuration conf, Preprocessing mode)
            throws IOException {
        org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(path);
        FileSystem fs = hp.getFileSystem(conf);
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            return FeatureExtraction.load(
                    m, Paths.get(URI.create(fs.makeQualified(hp).toString())), mode);
        }
        long len = fs.getFileStatus(hp).getLen();
        if (len > MAX_FILE_BYTES) {
            throw new IOException(
                    "image " + path + " is " + len + " bytes, over the limit of " + MAX_FILE_BYTES);
        }
        java.nio.file.Path tmp = Files.createTempFile("alphatree-image", ".img");
        try {
            try (InputStream in = fs.open(hp)) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return FeatureExtraction.load(m, tmp, mode);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IOException(msg.replace(tmp.toString(), path), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What every task needs; serialized with the closure. */
    private record Config(
            int dims,
            int batchSize,
            Preprocessing preprocessing,
            String weights,
            boolean skipBad,
            int failOnce)
            implements Serializable {}

    /** Describes a statistics job; {@link #build()} validates it. */
    public static final class Builder {
        private String images;
        private int dims = 2048;
        private int batchSize = 50;
        private Preprocessing preprocessing = Preprocessing.PYTORCH_FID;
        private String weights;
        private int partitions;
        private boolean skipBad;
        private int failOnce = -1;

        private Builder() {}

        /**
         * Sets the image folder: any Hadoop path ({@code hdfs://…}, {@code s3a://…}, a local
         * folder).
         *
         * @param images the folder
         * @return this
         */
        public Builder setImages(String images) {
            this.images = images;
            return this;
        }

        /**
         * Sets the feature dimension: 64, 192, 768 or 2048 (default).
         *
         * @param dims the dimension
         * @return this
         */
        public Builder optDims(int dims) {
            this.dims = dims;
            return this;
        }

        /**
         * Sets the images per batch inside a partition (50, pytorch-fid's default).
         *
         * @param batchSize the batch size
         * @return this
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the preprocessing (pytorch-fid's by default, or TF1's).
         *
         * @param preprocessing the mode
         * @return this
         */
        public Builder optPreprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing;
            return this;
        }

        /**
         * Sets the FID Inception weights file, a local path every executor can read (default: each
         * executor's hub cache, fetched there when absent).
         *
         * @param weights the path
         * @return this
         */
        public Builder optWeights(String weights) {
            this.weights = weights;
            return this;
        }

        /**
         * Sets the partition count (default: 4 × Spark's default parallelism, at most one per
         * image).
         *
         * @param partitions the count
         * @return this
         */
        public Builder optPartitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /**
         * Skips unreadable images and counts them instead of failing the job.
         *
         * @param skipBad whether to skip
         * @return this
         */
        public Builder optSkipBad(boolean skipBad) {
            this.skipBad = skipBad;
            return this;
        }

        /** Makes the first attempt of one partition fail after its first batch (tests). */
        Builder failOnceForTesting(int partition) {
            this.failOnce = partition;
            return this;
        }

        /**
         * Builds the job description.
         *
         * @return the job
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public SparkFeatureStatistics build() {
            if (images == null || images.isEmpty()) {
                throw new IllegalArgumentException("you must specify the images (setImages)");
            }
            if (Arrays.binarySearch(new int[] {64, 192, 768, 2048}, dims) < 0) {
                throw new IllegalArgumentException(
                        "dims must be 64, 192, 768 or 2048, got " + dims);
            }
            if (batchSize < 1 || partitions < 0) {
                throw new IllegalArgumentException(
                        "need batchSize >= 1 and partitions >= 0, got "
                                + batchSize
                                + " and "
                                + partitions);
            }
            return new SparkFeatureStatistics(this);
        }
    }
}

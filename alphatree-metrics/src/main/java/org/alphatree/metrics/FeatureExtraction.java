package org.alphatree.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** Streams an image folder through the FID network in batches. */
public final class FeatureExtraction {
    private FeatureExtraction() {}

    /** What to collect per batch. */
    private interface Sink {
        void accept(float[] rows, int n);
    }

    /**
     * Accumulates the statistics of a folder's features.
     *
     * @param net the extractor
     * @param folder the images
     * @param batchSize images per batch
     * @param dims feature dimension (64, 192, 768, 2048)
     * @param progress called with the number of images done, after each batch (may be null)
     * @return the statistics
     * @throws IOException if an image cannot be read
     */
    public static FeatureStatistics statistics(
            FidInception net, ImageFolder folder, int batchSize, int dims, IntConsumer progress)
            throws IOException {
        FeatureStatistics s = new FeatureStatistics(dims);
        run(net, folder, batchSize, progress, batch -> net.features(batch, dims), s::add, dims);
        return s;
    }

    /**
     * Collects a folder's features as a row-major matrix.
     *
     * @param net the extractor
     * @param folder the images
     * @param batchSize images per batch
     * @param dims feature dimension
     * @param progress progress callback (may be null)
     * @return n×dims features
     * @throws IOException if an image cannot be read
     */
    public static double[] features(
            FidInception net, ImageFolder folder, int batchSize, int dims, IntConsumer progress)
            throws IOException {
        return collect(net, folder, batchSize, progress, batch -> net.features(batch, dims), dims);
    }

    /**
     * Collects a folder's unbiased logits (1008 per image) for the Inception Score.
     *
     * @param net the extractor
     * @param folder the images
     * @param batchSize images per batch
     * @param progress progress callback (may be null)
     * @return n×1008 logits
     * @throws IOException if an image cannot be read
     */
    public static double[] logits(
            FidInception net, ImageFolder folder, int batchSize, IntConsumer progress)
            throws IOException {
        return collect(net, folder, batchSize, progress, net::logitsUnbiased, 1008);
    }

    /** Runs {@code f} over the folder and keeps every row: n×width values, within the budget. */
    private static double[] collect(
            FidInception net,
            ImageFolder folder,
            int batchSize,
            IntConsumer progress,
            Function<NDArray, float[]> f,
            int width)
            throws IOException {
        folder.checkFeatureBudget(width);
        double[] out = new double[folder.files().size() * width];
        int[] at = {0};
        run(
                net,
                folder,
                batchSize,
                progress,
                f,
                (rows, n) -> {
                    for (float v : rows) {
                        out[at[0]++] = v;
                    }
                },
                width);
        return out;
    }

    private static void run(
            FidInception net,
            ImageFolder folder,
            int batchSize,
            IntConsumer progress,
            Function<NDArray, float[]> f,
            Sink sink,
            int dims)
            throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        List<Path> files = folder.files();
        int done = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int start = 0; start < files.size(); start += batchSize) {
                int end = Math.min(files.size(), start + batchSize);
                try (NDManager scope = m.newSubManager()) {
                    NDList images = new NDList(end - start);
                    for (int i = start; i < end; i++) {
                        images.add(load(scope, files.get(i), net.preprocessing()));
                    }
                    float[] rows = f.apply(NDArrays.concat(images, 0));
                    for (int i = 0; i < rows.length; i++) {
                        if (!Float.isFinite(rows[i])) {
                            throw new IllegalStateException(
                                    "non-finite feature for " + files.get(start + i / dims));
                        }
                    }
                    sink.accept(rows, end - start);
                }
                done = end;
                if (progress != null) {
                    progress.accept(done);
                }
            }
        }
    }

    /**
     * One image as (1, 3, 299, 299) in the mode's value range, resized in the mode's convention:
     * what {@link #statistics} feeds the network per image (for callers that batch images
     * themselves, such as the Spark job).
     *
     * @param m owns the result
     * @param file a PNG or JPEG
     * @param mode the preprocessing mode
     * @return the image
     * @throws IOException naming the file if it cannot be read
     */
    public static NDArray load(NDManager m, Path file, Preprocessing mode) throws IOException {
        ImageFolder.Pixels p = ImageFolder.read(file);
        NDArray x = m.create(p.chw(), new Shape(1, 3, p.height(), p.width()));
        if (mode == Preprocessing.PYTORCH_FID) {
            x = x.div(255f);
        }
        return Preprocessing.resize(x, Preprocessing.SIZE, Preprocessing.SIZE, mode);
    }
}

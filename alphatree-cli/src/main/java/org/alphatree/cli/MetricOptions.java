package org.alphatree.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.metrics.Preprocessing;
import picocli.CommandLine.Option;

/** Options shared by {@code fid}, {@code is} and {@code kid}. */
final class MetricOptions {

    @Option(
            names = "--weights",
            paramLabel = "FILE",
            description =
                    "pytorch-fid's pt_inception-2015-12-05-6726825d.pth (default: the cache $ALPHATREE_HOME/hub/checkpoints, downloaded there once).")
    Path weights;

    @Option(
            names = "--batch-size",
            defaultValue = "50",
            description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--preprocess",
            defaultValue = "pytorch-fid",
            paramLabel = "MODE",
            description =
                    "pytorch-fid (float images, PyTorch bilinear, 2x-1) or tf (uint8, TF1 bilinear, (x-128)/128). Default: ${DEFAULT-VALUE}.")
    String preprocess;

    Preprocessing mode() {
        return switch (preprocess.toLowerCase(Locale.ROOT)) {
            case "pytorch-fid", "pytorch_fid" -> Preprocessing.PYTORCH_FID;
            case "tf", "tf1", "torch-fidelity" -> Preprocessing.TF;
            default ->
                    throw new IllegalArgumentException(
                            "--preprocess must be pytorch-fid or tf, got '" + preprocess + "'");
        };
    }

    /**
     * A progress bar over a folder's images, labelled with the folder's name.
     *
     * @param err where the bar is drawn
     * @param dir the folder as given
     * @param folder its images
     * @return the bar
     */
    static Progress progress(java.io.PrintWriter err, Path dir, ImageFolder folder) {
        return new Progress(err, dir.getFileName().toString(), folder.files().size());
    }

    FidInception load(java.io.PrintWriter err) throws java.io.IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        return FidInception.load(weights, mode(), new DownloadProgress(err));
    }
}

package org.alphatree.cli;

import ai.djl.util.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/** DJL's {@link Progress} for downloads, as one line on standard error: {@code 12.3/97.8 MB}. */
final class DownloadProgress implements Progress {
    private final PrintWriter err;
    private String message = "";
    private long max;
    private long done;
    private long lastPrinted = -1;
    private final long start = System.nanoTime();

    DownloadProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void reset(String message, long max, String trailingMessage) {
        this.message = message;
        this.max = max;
    }

    @Override
    public void start(long initialProgress) {
        done = initialProgress;
        print();
    }

    @Override
    public void end() {
        print();
        err.println();
        err.flush();
    }

    @Override
    public void increment(long increment) {
        update(done + increment, null);
    }

    @Override
    public void update(long progress, String ignored) {
        done = progress;
        if (done - lastPrinted >= (1 << 20)) {
            print();
        }
    }

    private void print() {
        lastPrinted = done;
        double secs = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
        String of = max > 0 ? String.format(Locale.ROOT, "/%.1f", max / 1e6) : "";
        err.printf(
                Locale.ROOT,
                "\r%s %.1f%s MB  %.1f MB/s",
                message,
                done / 1e6,
                of,
                done / 1e6 / secs);
        err.flush();
    }
}

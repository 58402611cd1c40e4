package org.alphatree.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/** A one-line progress bar on standard error: {@code label [=====> ] 120/500 31.2 img/s}. */
final class Progress implements IntConsumer {
    private final PrintWriter err;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private final String unit;

    Progress(PrintWriter err, String label, int total) {
        this(err, label, total, "img/s");
    }

    Progress(PrintWriter err, String label, int total, String unit) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    @Override
    public void accept(int done) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        double secs = (System.nanoTime() - start) / 1e9;
        String bar =
                "=".repeat(Math.max(0, filled - 1))
                        + (filled > 0 ? ">" : "")
                        + " ".repeat(width - filled);
        err.printf(
                Locale.ROOT,
                "\r%s [%s] %d/%d  %.1f %s",
                label,
                bar,
                done,
                total,
                done / Math.max(secs, 1e-9),
                unit);
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}

package org.alphatree.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.metrics.FeatureStatistics;

/** One partition's (or a merge's) statistics and the images it skipped. */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How many skipped paths are kept for the report. */
    static final int MAX_PATHS = 100;

    final FeatureStatistics statistics;
    long skipped;
    final List<String> skippedPaths = new ArrayList<>();

    Partial(int dims) {
        this.statistics = new FeatureStatistics(dims);
    }

    void skip(String path) {
        skipped++;
        if (skippedPaths.size() < MAX_PATHS) {
            skippedPaths.add(path);
        }
    }

    /** Merges {@code other} into this one (Spark's reduce functions may modify their first). */
    static Partial merge(Partial a, Partial b) {
        a.statistics.merge(b.statistics);
        a.skipped += b.skipped;
        for (String p : b.skippedPaths) {
            if (a.skippedPaths.size() < MAX_PATHS) {
                a.skippedPaths.add(p);
            }
        }
        return a;
    }
}

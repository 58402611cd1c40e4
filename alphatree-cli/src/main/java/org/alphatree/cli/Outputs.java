package org.alphatree.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks the commands run before any work, and on what they are about to write. */
final class Outputs {
    private Outputs() {}

    /**
     * Checks that a file can be written: its folder exists and is writable, and the path is not a
     * folder. Run before any work, so that a bad path fails in a second, not after the work.
     *
     * @param path the file to write
     * @param option the option that named it, for the message
     * @throws IllegalArgumentException naming the option, the path and the problem
     */
    static void checkWritable(Path path, String option) {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " " + path + " is a folder, not a file");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    option + " " + path + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(abs) && !Files.isWritable(abs))) {
            throw new IllegalArgumentException(option + " " + path + " is not writable");
        }
    }

    /**
     * Refuses non-finite values.
     *
     * @param values the values
     * @param what what they are, for the message
     * @throws ArithmeticException naming the first non-finite value and how many there are
     */
    static void checkFinite(float[] values, String what) {
        int count = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (count > 0) {
            throw new ArithmeticException(
                    what
                            + " has "
                            + count
                            + " non-finite value"
                            + (count == 1 ? "" : "s")
                            + " (first: "
                            + values[first]
                            + " at flat index "
                            + first
                            + "); pass --allow-nonfinite to write them anyway");
        }
    }

    /**
     * Refuses a non-finite metric instead of printing it.
     *
     * @param value the value
     * @param what the metric, for the message
     * @return the value
     * @throws ArithmeticException if it is NaN or infinite
     */
    static double checkFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException(
                    what
                            + " is "
                            + value
                            + ": the features are not finite (corrupt images or weights?)");
        }
        return value;
    }

    /**
     * Checks an integer option's range.
     *
     * @param value the value
     * @param min the smallest allowed
     * @param max the largest allowed
     * @param option the option, for the message
     * @throws IllegalArgumentException naming the option and the range
     */
    static void checkRange(long value, long min, long max, String option) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    option + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /**
     * Checks a FID feature dimension.
     *
     * @param dims the value
     * @throws IllegalArgumentException unless 64, 192, 768 or 2048
     */
    static void checkDims(int dims) {
        if (dims != 64 && dims != 192 && dims != 768 && dims != 2048) {
            throw new IllegalArgumentException("--dims must be 64, 192, 768 or 2048, got " + dims);
        }
    }
}

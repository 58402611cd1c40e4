package org.alphatree.blocks.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.alphatree.blocks.weights.Npy;

/** Loads committed fixtures (written by tools/fixtures/*.py) and compares arrays. */
public final class Fixtures {
    private Fixtures() {}

    /** The parity tolerance of the project: max |a - b| / max |b|. */
    public static final double TOLERANCE = 1e-4;

    /** Absolute difference accepted when the reference itself is zero up to rounding. */
    public static final double ABS_FLOOR = 1e-6;

    private static double maxAbsDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs((double) a[i] - b[i]));
        }
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    private static InputStream open(String resource) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + resource);
        assertNotNull(in, "missing fixture " + resource + "; run tools/fixtures/*.py");
        return in;
    }

    /**
     * Reads a fixture text file.
     *
     * @param resource path under fixtures/
     * @return the text
     */
    public static String text(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a fixture .npy.
     *
     * @param resource path under fixtures/
     * @return the array
     */
    public static Npy.Array npy(String resource) {
        try (InputStream in = open(resource)) {
            return Npy.read(in, 1L << 30);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a fixture .npz.
     *
     * @param resource path under fixtures/
     * @return the arrays by name
     */
    public static Map<String, Npy.Array> npz(String resource) {
        try (InputStream in = open(resource)) {
            return Npy.readNpz(in, 1L << 30);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Relative error {@code max |a - b| / max |b|}.
     *
     * @param expected the reference
     * @param actual the value under test
     * @return the relative error
     */
    public static double relError(float[] expected, float[] actual) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((double) expected[i] - actual[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        if (Double.isNaN(maxDiff)) {
            return Double.POSITIVE_INFINITY;
        }
        return maxDiff / Math.max(maxRef, 1e-30);
    }

    /**
     * Asserts shape equality and relative error within {@link #TOLERANCE}.
     *
     * @param what a label for the message
     * @param expected the reference
     * @param actualShape the actual shape
     * @param actual the actual values
     */
    public static void assertClose(
            String what, Npy.Array expected, long[] actualShape, float[] actual) {
        assertArrayEquals(expected.shape(), actualShape, what + ": shape");
        double rel = relError(expected.toFloats(), actual);
        double abs = maxAbsDiff(expected.toFloats(), actual);
        // a reference that is zero up to rounding (e.g. the gradient of a softmax-invariant bias)
        // has no meaningful relative error: accept an absolute difference at float rounding level
        assertTrue(
                rel <= TOLERANCE || abs <= ABS_FLOOR,
                what + ": relative error " + rel + " > " + TOLERANCE + " (absolute " + abs + ")");
    }

    /**
     * Relative error {@code max |a - b| / max |b|} against a float64 reference.
     *
     * @param expected the reference
     * @param actual the value under test
     * @return the relative error
     */
    public static double relError(double[] expected, float[] actual) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        if (Double.isNaN(maxDiff)) {
            return Double.POSITIVE_INFINITY;
        }
        return maxDiff / Math.max(maxRef, 1e-30);
    }

    /**
     * Relative error {@code max |a - b| / max |b|} of two float64 arrays (statistics, FIDs).
     *
     * @param expected the reference
     * @param actual the value under test
     * @return the relative error
     */
    public static double relError(double[] expected, double[] actual) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        if (Double.isNaN(maxDiff) || expected.length != actual.length) {
            return Double.POSITIVE_INFINITY;
        }
        return maxDiff / Math.max(maxRef, 1e-30);
    }

    /**
     * Asserts equal lengths and a relative error within {@code tol}: the one {@code assertClose} of
     * every module's tests.
     *
     * @param what a label for the message
     * @param expected the reference
     * @param actual the values under test
     * @param tol the relative tolerance
     */
    public static void assertClose(String what, double[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": size");
        double rel = relError(expected, actual);
        assertTrue(rel <= tol, what + ": relative error " + rel);
    }

    /**
     * {@link #assertClose(String, double[], float[], double)} for a float32 reference.
     *
     * @param what a label for the message
     * @param expected the reference
     * @param actual the values under test
     * @param tol the relative tolerance
     */
    public static void assertClose(String what, float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": size");
        double rel = relError(expected, actual);
        assertTrue(rel <= tol, what + ": relative error " + rel);
    }
}

package org.alphatree.cli;

import ai.djl.ndarray.types.Shape;

/** Parsing and printing of shapes on the command line. */
final class Shapes {
    private Shapes() {}

    /**
     * Parses {@code 1,3,224,224}.
     *
     * @param text the option value
     * @return the shape
     * @throws IllegalArgumentException saying what is wrong
     */
    static Shape parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--input-shape is empty; expected e.g. 1,3,224,224");
        }
        String[] parts = text.trim().split("\\s*,\\s*", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(
                    "--input-shape '"
                            + text
                            + "' has "
                            + parts.length
                            + " dimension(s); expected 4 (N,C,H,W), e.g. 1,3,224,224");
        }
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                dims[i] = -1;
            }
            if (dims[i] < 1 || dims[i] > 1 << 20) {
                throw new IllegalArgumentException(
                        "--input-shape '"
                                + text
                                + "': dimension "
                                + (i + 1)
                                + " ('"
                                + parts[i]
                                + "') is not a positive integer; expected e.g. 1,3,224,224");
            }
        }
        Shape shape = new Shape(dims);
        checkBudget(shape, "--input-shape '" + text + "'");
        return shape;
    }

    /** The most input elements a command accepts: 64 Mi floats (256 MiB). */
    static final long MAX_ELEMENTS = 1L << 26;

    /**
     * Refuses an input larger than {@link #MAX_ELEMENTS} before anything is allocated: the
     * network's activations are many times the input, so a larger one would exhaust memory.
     *
     * @param shape the input shape
     * @param what what to name in the message ({@code --input-shape '1,3,9999,9999'})
     * @throws IllegalArgumentException if it is too large
     */
    static void checkBudget(Shape shape, String what) {
        long n = 1;
        for (long d : shape.getShape()) {
            n = d > MAX_ELEMENTS ? MAX_ELEMENTS + 1 : Math.min(MAX_ELEMENTS + 1, n * d);
        }
        if (n > MAX_ELEMENTS) {
            throw new IllegalArgumentException(
                    what
                            + ": the input would have more than "
                            + String.format(java.util.Locale.ROOT, "%,d", MAX_ELEMENTS)
                            + " elements (256 MiB of float32), and the activations many times that;"
                            + " use a smaller batch or size");
        }
    }

    static String text(Shape s) {
        StringBuilder sb = new StringBuilder();
        for (long d : s.getShape()) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }

    static String json(Shape s) {
        return "[" + text(s) + "]";
    }
}

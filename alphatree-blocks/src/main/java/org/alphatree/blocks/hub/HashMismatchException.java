package org.alphatree.blocks.hub;

import java.io.IOException;
import java.nio.file.Path;

/** A downloaded or cached weight file whose SHA-256 is not the one published. */
public class HashMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String expected;
    private final String actual;

    /**
     * Creates the exception.
     *
     * @param file the file
     * @param expected the published hash (or its prefix)
     * @param actual the file's hash
     * @param what what was done about it
     */
    public HashMismatchException(Path file, String expected, String actual, String what) {
        super(
                file
                        + ": SHA-256 mismatch: expected "
                        + expected
                        + (expected.length() < 64 ? "… (prefix)" : "")
                        + ", got "
                        + actual
                        + "; "
                        + what);
        this.file = file;
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Returns the file that does not match.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the published hash (all of it, or the prefix the file name carries).
     *
     * @return lower-case hex
     */
    public String expected() {
        return expected;
    }

    /**
     * Returns the file's SHA-256.
     *
     * @return 64 lower-case hex digits
     */
    public String actual() {
        return actual;
    }
}

package org.alphatree.blocks.weights;

import java.io.IOException;

/**
 * A weight file is malformed, truncated, corrupt, unsafe or unsupported. Every reader in this
 * package reports bad input with this exception (or its subclass {@link UnsafePickleException}),
 * never with an index, out-of-memory or native error.
 */
public class WeightFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file part or key
     */
    public WeightFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong
     * @param cause the underlying error
     */
    public WeightFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

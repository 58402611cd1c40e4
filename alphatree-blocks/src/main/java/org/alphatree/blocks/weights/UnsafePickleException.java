package org.alphatree.blocks.weights;

/**
 * A pickle asked for something a tensor state_dict never needs: a global outside the allow-list
 * (e.g. {@code os.system}, {@code builtins.eval}), or an operation on an unknown object. Nothing in
 * the file was executed.
 */
public class UnsafePickleException extends WeightFormatException {
    private static final long serialVersionUID = 1L;

    private final String global;

    /**
     * Creates the exception.
     *
     * @param global the offending global, {@code module.name}, or the operation
     * @param message the message
     */
    public UnsafePickleException(String global, String message) {
        super(message);
        this.global = global;
    }

    /**
     * Returns the rejected global, e.g. {@code posix.system}.
     *
     * @return the global
     */
    public String getGlobal() {
        return global;
    }
}

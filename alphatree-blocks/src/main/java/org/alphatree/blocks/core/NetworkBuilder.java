package org.alphatree.blocks.core;

/**
 * The part every network builder shares: the number of classes (default 1000; 0 builds the network
 * headless, returning its pooled features).
 *
 * @param <B> the concrete builder
 */
public abstract class NetworkBuilder<B extends NetworkBuilder<B>> {

    /** The number of classes. */
    protected int numClasses = 1000;

    /** Creates a builder. */
    protected NetworkBuilder() {}

    /**
     * Sets the number of classes (default 1000; 0 builds the network headless).
     *
     * @param numClasses classes, {@code >= 0}
     * @return this
     */
    public B optNumClasses(int numClasses) {
        this.numClasses = numClasses;
        return self();
    }

    /**
     * Returns the number of classes set.
     *
     * @return classes
     */
    public int getNumClasses() {
        return numClasses;
    }

    /**
     * Returns this builder as its concrete type (the type parameter every subclass binds to
     * itself), so the shared setters chain into the subclass's own.
     *
     * @return this
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Validates the shared values; subclasses call it first in {@code build()}.
     *
     * @throws IllegalArgumentException if numClasses is negative
     */
    protected void validate() {
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
    }

    /**
     * Fails unless a required value was set, in DJL's form: {@code "<network>: you must specify
     * <what>: one of <choices>"}. The choices are listed from the values themselves, so the message
     * cannot fall behind an enum.
     *
     * @param value the value set, or {@code null}
     * @param network the network's name in messages
     * @param what what is missing, with the setter where it is not obvious
     * @param choices the accepted values, listed in the message (may be empty)
     * @throws IllegalArgumentException if the value is {@code null}
     */
    protected static void require(Object value, String network, String what, Object... choices) {
        if (value == null) {
            String list =
                    choices.length == 0
                            ? ""
                            : ": one of "
                                    + java.util.Arrays.stream(choices)
                                            .map(String::valueOf)
                                            .collect(java.util.stream.Collectors.joining(", "));
            throw new IllegalArgumentException(network + ": you must specify " + what + list);
        }
    }

    /**
     * The builder of a network whose only option is the number of classes (Inception v4,
     * Inception-ResNet-v2).
     *
     * @param <N> the network
     */
    public static final class Simple<N> extends NetworkBuilder<Simple<N>> {
        private final java.util.function.IntFunction<N> factory;

        /**
         * Creates the builder.
         *
         * @param factory classes to a new network
         */
        public Simple(java.util.function.IntFunction<N> factory) {
            this.factory = factory;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if numClasses is negative
         */
        public N build() {
            validate();
            return factory.apply(numClasses);
        }
    }
}

package org.alphatree.blocks.core;

/**
 * A network builder with the head's dropout rate, besides the number of classes: the option
 * torchvision's AlexNet, VGG, SqueezeNet, MobileNet and MNASNet take as {@code dropout}.
 *
 * @param <B> the concrete builder
 */
public abstract class DropoutBuilder<B extends DropoutBuilder<B>> extends NetworkBuilder<B> {

    /** The head's dropout rate. */
    protected float dropout;

    /**
     * Creates a builder.
     *
     * @param defaultDropout the family's default rate (torchvision's)
     */
    protected DropoutBuilder(float defaultDropout) {
        this.dropout = defaultDropout;
    }

    /**
     * Sets the head's dropout rate (the family's torchvision default otherwise).
     *
     * @param dropout the rate in [0, 1)
     * @return this
     */
    public B optDropout(float dropout) {
        this.dropout = dropout;
        return self();
    }

    /**
     * Returns the head's dropout rate.
     *
     * @return the rate
     */
    public float getDropout() {
        return dropout;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the dropout rate is outside [0, 1)
     */
    @Override
    protected void validate() {
        super.validate();
        Checks.rate(dropout, "dropout");
    }

    /**
     * The builder of a network whose only options are the number of classes and the head's dropout
     * (PolyNet, PNASNet-5-Large, ZFNet).
     *
     * @param <N> the network
     */
    public static final class Simple<N> extends DropoutBuilder<Simple<N>> {
        private final java.util.function.Function<Simple<N>, N> factory;

        /**
         * Creates the builder.
         *
         * @param defaultDropout the family's default rate
         * @param factory the network's constructor, reading this builder's values
         */
        public Simple(float defaultDropout, java.util.function.Function<Simple<N>, N> factory) {
            super(defaultDropout);
            this.factory = factory;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public N build() {
            validate();
            return factory.apply(this);
        }
    }
}

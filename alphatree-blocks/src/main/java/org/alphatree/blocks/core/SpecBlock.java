package org.alphatree.blocks.core;

/**
 * A network built from a configuration record (its spec): the generators and discriminators of
 * StyleGAN2, BigGAN and ProGAN keep the spec they were built from.
 *
 * @param <S> the spec type
 */
public abstract class SpecBlock<S> extends AlphaBlock {

    private final S spec;

    /**
     * Creates the block.
     *
     * @param spec the configuration
     */
    protected SpecBlock(S spec) {
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
    }

    /**
     * Returns the configuration.
     *
     * @return the spec
     */
    public S spec() {
        return spec;
    }
}

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

    /**
     * Refuses an input that is not a batch of square images of the given size.
     *
     * @param x the input
     * @param channels the image channels
     * @param side the image side
     * @throws IllegalArgumentException naming the expected and the given shape
     */
    protected final void requireImages(ai.djl.ndarray.NDArray x, long channels, long side) {
        ai.djl.ndarray.types.Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != channels || s.get(2) != side || s.get(3) != side) {
            throw new IllegalArgumentException(
                    kind()
                            + ": expected images (N, "
                            + channels
                            + ", "
                            + side
                            + ", "
                            + side
                            + "), got "
                            + s);
        }
    }
}

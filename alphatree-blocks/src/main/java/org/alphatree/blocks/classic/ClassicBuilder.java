package org.alphatree.blocks.classic;

import org.alphatree.blocks.core.NetworkBuilder;

/**
 * The options AlexNet, ZFNet and VGG share: the classifier MLP's dropout rate (0.5), besides the
 * number of classes.
 *
 * @param <B> the concrete builder
 */
public abstract class ClassicBuilder<B extends ClassicBuilder<B>> extends NetworkBuilder<B> {

    /** The classifier's dropout rate. */
    protected float dropout = 0.5f;

    /** Creates a builder. */
    protected ClassicBuilder() {}

    /**
     * Sets the classifier's dropout rate (0.5).
     *
     * @param dropout the rate in [0, 1)
     * @return this
     */
    public B optDropout(float dropout) {
        this.dropout = dropout;
        return self();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the dropout rate is outside [0, 1)
     */
    @Override
    protected void validate() {
        super.validate();
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }
}

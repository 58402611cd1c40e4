package org.alphatree.blocks.mobile;

import org.alphatree.blocks.core.DropoutBuilder;

/**
 * The options MobileNet V1, V2 and V3 share: the width multiplier (α in the papers, {@code
 * width_mult} in torchvision, {@code channel_multiplier} in timm; every width becomes {@code
 * make_divisible(c · α, 8)}) and the head's dropout.
 *
 * @param <B> the concrete builder
 */
public abstract class WidthBuilder<B extends WidthBuilder<B>> extends DropoutBuilder<B> {

    /** The width multiplier. */
    protected float width = 1f;

    /**
     * Creates a builder.
     *
     * @param defaultDropout the family's default dropout rate
     */
    protected WidthBuilder(float defaultDropout) {
        super(defaultDropout);
    }

    /**
     * Sets the width multiplier (1.0).
     *
     * @param width the multiplier, in (0, 16]
     * @return this
     */
    public B optWidthMultiplier(float width) {
        this.width = width;
        return self();
    }

    /**
     * Returns the width multiplier.
     *
     * @return the multiplier
     */
    public float getWidthMultiplier() {
        return width;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if the width multiplier is outside (0, 16]
     */
    @Override
    protected void validate() {
        super.validate();
        if (!(width > 0 && width <= 16)) {
            throw new IllegalArgumentException("width multiplier must be in (0, 16], got " + width);
        }
    }
}

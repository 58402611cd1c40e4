package org.alphatree.blocks.classic;

import org.alphatree.blocks.core.DropoutBuilder;

/**
 * The options AlexNet and VGG share (ZFNet, with no other option, uses {@link
 * org.alphatree.blocks.core.DropoutBuilder.Simple}): the classifier MLP's dropout rate (0.5),
 * besides the number of classes.
 *
 * @param <B> the concrete builder
 */
public abstract class ClassicBuilder<B extends ClassicBuilder<B>> extends DropoutBuilder<B> {

    /** Creates a builder with dropout 0.5. */
    protected ClassicBuilder() {
        super(0.5f);
    }
}

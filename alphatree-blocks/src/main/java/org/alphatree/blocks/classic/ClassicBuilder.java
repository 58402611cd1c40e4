package org.alphatree.blocks.classic;

import org.alphatree.blocks.core.DropoutBuilder;

/**
 * The options AlexNet, ZFNet and VGG share: the classifier MLP's dropout rate (0.5), besides the
 * number of classes.
 *
 * @param <B> the concrete builder
 */
public abstract class ClassicBuilder<B extends ClassicBuilder<B>> extends DropoutBuilder<B> {

    /** Creates a builder with dropout 0.5. */
    protected ClassicBuilder() {
        super(0.5f);
    }
}

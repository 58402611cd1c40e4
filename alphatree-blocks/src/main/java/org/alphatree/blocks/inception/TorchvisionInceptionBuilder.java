package org.alphatree.blocks.inception;

import org.alphatree.blocks.core.NetworkBuilder;

/**
 * The options torchvision's GoogLeNet and Inception v3 share: auxiliary heads (on by default when
 * there is a classifier) and {@code transform_input}.
 *
 * @param <B> the concrete builder
 */
public abstract class TorchvisionInceptionBuilder<B extends TorchvisionInceptionBuilder<B>>
        extends NetworkBuilder<B> {

    private Boolean auxLogits;

    /** Whether to map ImageNet-normalized input to the original weights' [-1, 1] range. */
    protected boolean transformInput;

    /** Creates a builder. */
    protected TorchvisionInceptionBuilder() {}

    /**
     * Sets whether to build the auxiliary heads (default: when there is a classifier, as
     * torchvision).
     *
     * @param auxLogits whether to build them
     * @return this
     */
    public B optAuxLogits(boolean auxLogits) {
        this.auxLogits = auxLogits;
        return self();
    }

    /**
     * Maps ImageNet-normalized input to the [-1, 1] range of the original weights (torchvision's
     * {@code transform_input}, set for its pretrained weights; default off).
     *
     * @param transformInput whether to transform
     * @return this
     */
    public B optTransformInput(boolean transformInput) {
        this.transformInput = transformInput;
        return self();
    }

    /**
     * Returns whether the auxiliary heads are built.
     *
     * @return whether they are
     */
    protected boolean auxLogits() {
        return auxLogits == null ? numClasses > 0 : auxLogits;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also if auxiliary heads are requested without classes
     */
    @Override
    protected void validate() {
        super.validate();
        if (numClasses == 0 && Boolean.TRUE.equals(auxLogits)) {
            throw new IllegalArgumentException(
                    "auxiliary heads need classes; set numClasses > 0 or optAuxLogits(false)");
        }
    }
}

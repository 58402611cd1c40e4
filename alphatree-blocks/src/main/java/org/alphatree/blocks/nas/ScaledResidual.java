package org.alphatree.blocks.nas;

import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;

/**
 * A PolyNet module: {@code relu(x + scale · Σ terms)} with an identity shortcut and a ReLU child
 * ({@code relu}) after the sum; the terms are the subclass's ({@link MultiWay}, {@link
 * PolyModule}).
 */
public abstract class ScaledResidual extends AlphaBlock implements ResidualUnit {

    private final float scale;

    /**
     * Creates the module.
     *
     * @param scale the residual scale, positive
     */
    protected ScaledResidual(float scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("residual scale must be positive, got " + scale);
        }
        this.scale = scale;
    }

    /**
     * Returns the residual scale.
     *
     * @return the scale
     */
    public float scale() {
        return scale;
    }

    /** {@inheritDoc} */
    @Override
    public String shortcut() {
        return null;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> afterAdd() {
        return List.of("relu");
    }
}

package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.function.Supplier;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;

/**
 * PolyNet's multi-way module (Cadene {@code MultiWay}): {@code relu(x + Σ_i scale · F_i(x))} over
 * independent residual functions {@code blocks.0}, {@code blocks.1}, ... of the same input — the
 * paper's "2-way" structure, a first-order polynomial with several terms.
 *
 * <p>Zhang, Li, Loy &amp; Lin, "PolyNet: A Pursuit of Structural Diversity in Very Deep Networks",
 * CVPR 2017.
 */
public class MultiWay extends ScaledResidual {

    private final int ways;

    /**
     * Creates the module.
     *
     * @param scale the residual scale
     * @param ways the number of residual functions (2 in PolyNet)
     * @param function builds one residual function
     */
    public MultiWay(float scale, int ways, Supplier<? extends AlphaBlock> function) {
        super(scale);
        if (ways < 1) {
            throw new IllegalArgumentException("MultiWay: ways must be >= 1, got " + ways);
        }
        this.ways = ways;
        Sequential blocks = new Sequential();
        for (int i = 0; i < ways; i++) {
            blocks.add(function.get());
        }
        add("blocks", blocks);
        add("relu", Activation.reluBlock());
        describeAs("MultiWay(" + ways + "-way, scale " + scale + ")");
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray out = x;
        for (int i = 0; i < ways; i++) {
            NDArray f = callPath("blocks." + i, ps, x, training);
            NDArray next = PolyLayers.addScaled(out, f, scale());
            f.close();
            if (out != x) {
                out.close();
            }
            out = next;
        }
        return consume("relu", ps, out, training);
    }
}

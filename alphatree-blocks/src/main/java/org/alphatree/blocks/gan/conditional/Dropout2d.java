package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Checks;

/**
 * {@code torch.nn.Dropout2d}: in training, whole channels are zeroed with probability p and the
 * rest scaled by 1/(1 − p); the identity in inference.
 */
public class Dropout2d extends AlphaBlock {

    private final float rate;

    /**
     * Creates the layer.
     *
     * @param rate p in [0, 1)
     */
    public Dropout2d(float rate) {
        this.rate = Checks.rate(rate, "dropout rate");
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Dropout2d(" + rate + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        Shape s = x.getShape();
        NDArray keep =
                x.getManager()
                        .randomUniform(
                                0f, 1f, new Shape(s.get(0), s.get(1), 1, 1), DataType.FLOAT32)
                        .gte(rate)
                        .toType(x.getDataType(), false)
                        .div(1 - rate);
        return x.mul(keep);
    }
}

package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.LeafBlock;

/** {@code torch.nn.AdaptiveAvgPool2d((1, 1))}: NCHW to NC11. */
public class GlobalAvgPool extends LeafBlock {

    /** Creates the block. */
    public GlobalAvgPool() {
        super((byte) 1);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "AdaptiveAvgPool2d(1)";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected NCHW input");
        }
        Shape s = x.getShape();
        NDArray pooled = x.getNDArrayInternal().globalAvgPool();
        NDArray out = pooled.reshape(s.get(0), s.get(1), 1, 1);
        if (out != pooled) {
            pooled.close();
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), 1, 1)};
    }
}

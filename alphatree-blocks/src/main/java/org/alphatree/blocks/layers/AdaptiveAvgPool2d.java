package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.LeafBlock;

/**
 * {@code torch.nn.AdaptiveAvgPool2d((oh, ow))}: output cell {@code i} averages rows {@code
 * [floor(i·H/oh), ceil((i+1)·H/oh))}, windows that may overlap (GoogLeNet's auxiliary heads pool
 * 14x14 to 4x4).
 */
public class AdaptiveAvgPool2d extends LeafBlock {

    private final int oh;
    private final int ow;

    /**
     * Creates the block.
     *
     * @param oh output height
     * @param ow output width
     */
    public AdaptiveAvgPool2d(int oh, int ow) {
        super((byte) 1);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("output size must be positive");
        }
        this.oh = oh;
        this.ow = ow;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "AdaptiveAvgPool2d(" + oh + "x" + ow + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected NCHW input");
        }
        long h = s.get(2);
        long w = s.get(3);
        if (h % oh == 0 && w % ow == 0) {
            // uniform windows: an ordinary average pool
            Shape k = new Shape(h / oh, w / ow);
            return x.getNDArrayInternal().avgPool(k, k, new Shape(0, 0), false, true);
        }
        NDList rows = new NDList(oh);
        for (int i = 0; i < oh; i++) {
            long h0 = Math.floorDiv(i * h, oh);
            long h1 = -Math.floorDiv(-(i + 1) * h, oh);
            NDList cells = new NDList(ow);
            for (int j = 0; j < ow; j++) {
                long w0 = Math.floorDiv(j * w, ow);
                long w1 = -Math.floorDiv(-(j + 1) * w, ow);
                NDArray cell = x.get(new NDIndex(":, :, {}:{}, {}:{}", h0, h1, w0, w1));
                NDArray rowSum = cell.sum(new int[] {3}, true);
                cell.close();
                NDArray sum = rowSum.sum(new int[] {2}, true);
                rowSum.close();
                cells.add(sum.divi((h1 - h0) * (w1 - w0)));
            }
            rows.add(NDArrays.concat(cells, 3));
            cells.close();
        }
        NDArray out = NDArrays.concat(rows, 2);
        rows.close();
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), oh, ow)};
    }
}

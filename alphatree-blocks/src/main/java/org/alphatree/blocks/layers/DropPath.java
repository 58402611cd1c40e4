package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.Checks;
import org.alphatree.blocks.core.LeafBlock;

/**
 * Drop-path (stochastic depth): in training, each sample's residual branch is dropped with
 * probability {@code p} and the survivors are scaled by {@code 1 / (1 - p)}, so the expectation is
 * unchanged; in inference it is the identity. As timm's {@code DropPath}.
 *
 * <p>Huang, Sun, Liu, Sedra &amp; Weinberger, "Deep Networks with Stochastic Depth", ECCV 2016.
 */
public class DropPath extends LeafBlock {

    private final float rate;

    /**
     * Creates the block.
     *
     * @param rate the drop probability, in [0, 1)
     */
    public DropPath(float rate) {
        super((byte) 1);
        this.rate = Checks.rate(rate, "drop-path rate");
    }

    /**
     * Returns the drop probability.
     *
     * @return the rate
     */
    public float getRate() {
        return rate;
    }

    /**
     * timm's linear schedule ({@code drop_path_rate}): block {@code k} of {@code n} gets {@code
     * rate * k / (n - 1)}, from 0 for the first block to {@code rate} for the last.
     *
     * @param rate the rate of the last block
     * @param depths blocks per stage
     * @return per stage, per block rates
     */
    public static float[][] linearSchedule(float rate, int... depths) {
        int n = 0;
        for (int d : depths) {
            n += d;
        }
        float[][] out = new float[depths.length][];
        int k = 0;
        for (int s = 0; s < depths.length; s++) {
            out[s] = new float[depths[s]];
            for (int j = 0; j < depths[s]; j++, k++) {
                out[s][j] = n > 1 ? (float) ((double) rate * k / (n - 1)) : 0f;
            }
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "DropPath(" + rate + ")";
    }

    /**
     * Applies drop-path to a batch.
     *
     * @param x the batch (first axis: samples)
     * @param rate drop probability
     * @param training whether in training mode
     * @return the result
     */
    public static NDArray dropPath(NDArray x, float rate, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        float keep = 1f - rate;
        long[] s = new long[x.getShape().dimension()];
        java.util.Arrays.fill(s, 1);
        s[0] = x.getShape().get(0);
        NDArray mask =
                x.getManager()
                        .randomUniform(0f, 1f, new Shape(s), DataType.FLOAT32, x.getDevice())
                        .lt(keep)
                        .toType(x.getDataType(), false)
                        .div(keep);
        return x.mul(mask);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        return dropPath(x, rate, training);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

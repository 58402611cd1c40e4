package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.LeafBlock;

/**
 * Channel shuffle: {@code (N, g·c, H, W) -> (N, g, c, H, W) -> transpose(1, 2) -> (N, c·g, H, W)},
 * torchvision's {@code channel_shuffle}; it lets information cross the groups of a grouped
 * convolution (ShuffleNet v1) or the two halves of a split (ShuffleNet v2, groups 2).
 *
 * <p>Zhang, Zhou, Lin &amp; Sun, "ShuffleNet: An Extremely Efficient Convolutional Neural Network
 * for Mobile Devices", CVPR 2018.
 */
public class ChannelShuffle extends LeafBlock {

    private final int groups;

    /**
     * Creates the block.
     *
     * @param groups the groups (>= 1; the channels must be divisible by it)
     */
    public ChannelShuffle(int groups) {
        super((byte) 1);
        if (groups < 1) {
            throw new IllegalArgumentException(
                    "channel shuffle groups must be >= 1, got " + groups);
        }
        this.groups = groups;
    }

    /**
     * Shuffles the channels of an NCHW array.
     *
     * @param x the input (not closed)
     * @param groups the groups
     * @return a new array
     * @throws IllegalArgumentException if the channels are not divisible by the groups
     */
    public static NDArray apply(NDArray x, int groups) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) % groups != 0) {
            throw new IllegalArgumentException(
                    "channel shuffle: expected NCHW with channels divisible by "
                            + groups
                            + ", got "
                            + s);
        }
        long n = s.get(0);
        long c = s.get(1);
        try (NDArray split = x.reshape(n, groups, c / groups, s.get(2), s.get(3));
                NDArray t = split.swapAxes(1, 2)) {
            // reshape of the transposed view copies it into shuffled, contiguous memory
            return t.reshape(s);
        }
    }

    /**
     * Returns the groups.
     *
     * @return the groups
     */
    public int groups() {
        return groups;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ChannelShuffle(" + groups + ")";
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        return apply(x, groups);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}

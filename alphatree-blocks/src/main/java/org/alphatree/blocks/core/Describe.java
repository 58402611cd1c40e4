package org.alphatree.blocks.core;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/** Short descriptions of blocks for summaries, diagrams and error messages. */
public final class Describe {
    private Describe() {}

    /**
     * Describes a block: its kind and, for convolutions and linear layers, their configuration.
     *
     * @param block the block
     * @return e.g. {@code Conv2d(3x3, 64, stride 2)}
     */
    public static String of(Block block) {
        if (block instanceof Convolution) {
            Convolution c = (Convolution) block;
            StringBuilder sb = new StringBuilder(djlName(block.getClass())).append('(');
            sb.append(dims(c.getKernelShape())).append(", ").append(c.getFilters());
            if (c.getStride() != null && !allOnes(c.getStride())) {
                sb.append(", stride ").append(dims(c.getStride()));
            }
            if (c.getGroups() > 1) {
                sb.append(", groups ").append(c.getGroups());
            }
            if (!c.isIncludeBias()) {
                sb.append(", no bias");
            }
            return sb.append(')').toString();
        }
        if (block instanceof Linear) {
            Shape w = block.getParameters().get("weight").getShape();
            return w == null ? "Linear" : "Linear(" + w.get(1) + " -> " + w.get(0) + ")";
        }
        if (block instanceof Kind) {
            return ((Kind) block).kind();
        }
        return block.getClass().getSimpleName();
    }

    /** DJL's name of a convolution, also for AlphaTree's subclasses ({@code FoldableConv2d}). */
    private static String djlName(Class<?> c) {
        Class<?> k = c;
        while (!k.getName().startsWith("ai.djl.") && k.getSuperclass() != null) {
            k = k.getSuperclass();
        }
        return k.getName().startsWith("ai.djl.") ? k.getSimpleName() : c.getSimpleName();
    }

    private static boolean allOnes(Shape s) {
        for (long d : s.getShape()) {
            if (d != 1) {
                return false;
            }
        }
        return true;
    }

    static String dims(Shape s) {
        StringBuilder sb = new StringBuilder();
        long[] d = s.getShape();
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : "x").append(d[i]);
        }
        return sb.toString();
    }
}

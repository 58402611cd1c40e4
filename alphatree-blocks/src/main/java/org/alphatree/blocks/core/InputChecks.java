package org.alphatree.blocks.core;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/** Checks the inputs of DJL leaf blocks before they reach native code. */
final class InputChecks {
    private InputChecks() {}

    static void check(Block block, NDList inputs) {
        if (block instanceof Convolution && block.isInitialized()) {
            Convolution c = (Convolution) block;
            Shape w = c.getParameters().get("weight").getArray().getShape();
            Shape x = inputs.head().getShape();
            int spatial = w.dimension() - 2;
            long expected = w.get(1) * c.getGroups();
            if (x.dimension() != w.dimension() || x.get(1) != expected) {
                throw new IllegalArgumentException(
                        "expected (N, " + expected + ", " + spatialNames(spatial) + ")");
            }
            for (int i = 0; i < spatial; i++) {
                long padded = x.get(2 + i) + 2 * c.getPadding().get(i);
                long extent = c.getDilation().get(i) * (w.get(2 + i) - 1) + 1;
                if (padded < extent) {
                    throw new IllegalArgumentException(
                            "input too small: spatial size "
                                    + x.get(2 + i)
                                    + " (padded "
                                    + padded
                                    + ") is less than the kernel extent "
                                    + extent);
                }
            }
        } else if (block instanceof Linear && block.isInitialized()) {
            Parameter p = block.getParameters().get("weight");
            long in = p.getArray().getShape().get(1);
            Shape x = inputs.head().getShape();
            if (x.get(x.dimension() - 1) != in) {
                throw new IllegalArgumentException("expected (N, " + in + ")");
            }
        }
    }

    private static String spatialNames(int n) {
        return n == 1 ? "W" : n == 2 ? "H, W" : "D, H, W";
    }
}

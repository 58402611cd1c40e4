package org.alphatree.blocks.core;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/** One block call recorded by {@link Tracing}: its path, depth, block and shapes. */
public final class TraceEntry {
    private final String path;
    private final int depth;
    private final Block block;
    private final Shape[] inputShapes;
    private Shape[] outputShapes;

    TraceEntry(String path, int depth, Block block, Shape[] inputShapes) {
        this.path = path;
        this.depth = depth;
        this.block = block;
        this.inputShapes = inputShapes;
    }

    /**
     * Returns the dotted reference path, e.g. {@code layer1.0.conv1}; empty for the root.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * Returns the nesting depth, 0 for the root.
     *
     * @return the depth
     */
    public int depth() {
        return depth;
    }

    /**
     * Returns the block that was called.
     *
     * @return the block
     */
    public Block block() {
        return block;
    }

    /**
     * Returns the shapes the block received.
     *
     * @return input shapes
     */
    public Shape[] inputShapes() {
        return inputShapes.clone();
    }

    /**
     * Returns the shapes the block produced, or null if the call failed.
     *
     * @return output shapes
     */
    public Shape[] outputShapes() {
        return outputShapes == null ? null : outputShapes.clone();
    }

    void setOutputShapes(Shape[] shapes) {
        this.outputShapes = shapes;
    }
}

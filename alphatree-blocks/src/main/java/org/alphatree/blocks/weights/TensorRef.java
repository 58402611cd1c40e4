package org.alphatree.blocks.weights;

/** A tensor view in a pickle: storage, offset, size and stride (in elements). */
record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

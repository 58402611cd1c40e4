package org.alphatree.blocks.weights;

/** A PyTorch storage named in a pickle: its dtype, key and element count; bytes come later. */
final class StorageRef {
    final DType dtype;
    final String key;
    final long numel;
    byte[] data;

    StorageRef(DType dtype, String key, long numel) {
        this.dtype = dtype;
        this.key = key;
        this.numel = numel;
    }
}

package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;

/**
 * A parameter-free layer that can compute its inference output in its input's memory, as
 * torchvision's {@code inplace=True} activations do. A parent uses it through {@link
 * AlphaBlock#consumeOwned}, only on an array it owns.
 */
public interface InPlaceCapable {

    /**
     * The inference forward pass on an array only the caller holds (its own fresh intermediate, not
     * a view of a live array), which the caller does not read again.
     *
     * @param owned the input, which may be overwritten
     * @return the output: {@code owned}, a handle to its memory, or a fresh array
     */
    NDArray forwardOwned(NDArray owned);
}

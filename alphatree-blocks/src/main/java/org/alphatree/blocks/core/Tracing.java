package org.alphatree.blocks.core;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/** Records every child call of a forward pass: the basis of summaries and diagrams. */
public final class Tracing {
    private Tracing() {}

    /**
     * Runs {@code block} on {@code inputs} and records every call made through {@link
     * AlphaBlock#call}, in call order (parents before children).
     *
     * @param block an initialized block
     * @param ps the parameter store
     * @param inputs the inputs
     * @param training training mode
     * @return the recorded calls; the first entry is the root
     */
    public static List<TraceEntry> trace(
            Block block, ParameterStore ps, NDList inputs, boolean training) {
        List<TraceEntry> entries = new ArrayList<>();
        Forwarding.trace(block, ps, inputs, training, entries);
        return entries;
    }
}

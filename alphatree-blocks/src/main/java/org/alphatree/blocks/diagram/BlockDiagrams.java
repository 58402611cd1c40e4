package org.alphatree.blocks.diagram;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.core.TraceEntry;
import org.alphatree.blocks.core.Tracing;
import org.alphatree.blocks.registry.ModelInfo;

/** Diagrams of one block inside a network, at the input it has there. */
public final class BlockDiagrams {
    private BlockDiagrams() {}

    /**
     * Draws the block at {@code path} of an initialized network, expanded {@code depth} levels,
     * with the input shape it receives at the network's default input size.
     *
     * @param info the network's registry entry
     * @param net the initialized network
     * @param path the block path, e.g. {@code layer1.0}
     * @param depth levels to expand
     * @param m the manager
     * @return the diagram
     */
    public static Diagram of(ModelInfo info, Block net, String path, int depth, NDManager m) {
        return of(info.name(), info.defaultInputShape(), net, path, depth, m);
    }

    /**
     * Draws the block at {@code path} of an initialized network given its name and input shape (for
     * networks outside the classifier registry, such as GAN generators).
     *
     * @param name the network's name
     * @param input the network's input shape
     * @param net the initialized network
     * @param path the block path
     * @param depth levels to expand
     * @param m the manager
     * @return the diagram
     */
    public static Diagram of(
            String name,
            ai.djl.ndarray.types.Shape input,
            Block net,
            String path,
            int depth,
            NDManager m) {
        return of(name, new ai.djl.ndarray.types.Shape[] {input}, net, path, depth, m);
    }

    /**
     * Draws the block at {@code path} of an initialized network of several inputs (latents and
     * class labels).
     *
     * @param name the network's name
     * @param inputs the network's input shapes
     * @param net the initialized network
     * @param path the block path
     * @param depth levels to expand
     * @param m the manager
     * @return the diagram
     */
    public static Diagram of(
            String name,
            ai.djl.ndarray.types.Shape[] inputs,
            Block net,
            String path,
            int depth,
            NDManager m) {
        List<TraceEntry> trace;
        try (NDManager tmp = m.newSubManager()) {
            NDList in = new NDList();
            for (ai.djl.ndarray.types.Shape s : inputs) {
                in.add(tmp.zeros(s));
            }
            trace = Tracing.trace(net, new ParameterStore(tmp, false), in, false);
        }
        for (TraceEntry e : trace) {
            if (e.path().equals(path)) {
                return Diagram.of(name + ":" + path, e.block(), depth, m, e.inputShapes());
            }
        }
        throw new IllegalArgumentException(
                "no block '"
                        + path
                        + "' in "
                        + name
                        + "; e.g. "
                        + trace.get(1).path()
                        + " (see: alphatree summary "
                        + name
                        + ")");
    }
}

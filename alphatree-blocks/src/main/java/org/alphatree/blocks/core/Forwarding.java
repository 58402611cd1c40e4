package org.alphatree.blocks.core;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The one place where a parent calls a child: lazy initialization during an initialization pass,
 * tracing for summaries and diagrams, and translation of native errors into {@link BlockException}s
 * that name the block path and shapes.
 */
final class Forwarding {

    /** Per-thread state of an initialization, shape or tracing pass. */
    private static final class State {
        NDManager initManager;
        DataType dataType;
        Block lazyChild;
        List<TraceEntry> trace;
        final Deque<String> path = new ArrayDeque<>();

        String path() {
            return String.join(".", path);
        }
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<>();

    private Forwarding() {}

    /** Whether an initialization, shape or tracing pass runs on this thread. */
    static boolean passActive() {
        return STATE.get() != null;
    }

    static boolean initializing() {
        State s = STATE.get();
        return s != null && s.initManager != null;
    }

    /** Whether {@code block} is being initialized lazily by an enclosing pass's forward. */
    static boolean isLazyChild(Block block) {
        State s = STATE.get();
        return s != null && s.initManager != null && s.lazyChild == block;
    }

    static NDList call(
            String name,
            Block child,
            ParameterStore ps,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        State s = STATE.get();
        TraceEntry entry = null;
        if (s != null) {
            s.path.addLast(name);
            if (s.trace != null) {
                entry = new TraceEntry(s.path(), s.path.size(), child, inputs.getShapes());
                s.trace.add(entry);
            }
        }
        try {
            if (s != null && s.initManager != null && !child.isInitialized()) {
                s.lazyChild = child;
                try {
                    child.initialize(s.initManager, s.dataType, inputs.getShapes());
                } finally {
                    s.lazyChild = null;
                }
            }
            InputChecks.check(child, inputs);
            NDList out = child.forward(ps, inputs, training, params);
            if (entry != null) {
                entry.setOutputShapes(out.getShapes());
            }
            return out;
        } catch (BlockException e) {
            throw e.within(name);
        } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
            throw new BlockException(name, child, inputs.getShapes(), e);
        } finally {
            if (s != null) {
                s.path.removeLast();
            }
        }
    }

    static void initializationPass(
            AlphaBlock block, NDManager manager, DataType dataType, Shape... inputShapes) {
        State prev = STATE.get();
        State s = new State();
        s.initManager = manager;
        s.dataType = dataType;
        STATE.set(s);
        try (NDManager tmp = manager.newSubManager()) {
            // parameter shapes never depend on the batch: initialize on a batch of one, which
            // keeps the initialization pass's memory and time those of a single sample (a 1-D
            // input, such as class labels (N), is batched too)
            Shape[] one = new Shape[inputShapes.length];
            for (int i = 0; i < one.length; i++) {
                long[] d = inputShapes[i].getShape().clone();
                if (d.length >= 1) {
                    d[0] = 1;
                }
                one[i] = new Shape(d);
            }
            block.forwardForShapes(
                    new ParameterStore(tmp, false), zeros(tmp, dataType, one), false, null);
        } finally {
            STATE.set(prev);
        }
    }

    static Shape[] shapePass(AlphaBlock block, Shape... inputShapes) {
        long batch = commonBatch(inputShapes);
        Shape[] run = batch > 1 ? withBatch(inputShapes, 1) : inputShapes;
        State prev = STATE.get();
        STATE.set(new State());
        try (NDManager tmp = managerFor(block)) {
            Shape[] out =
                    block.forwardForShapes(
                                    new ParameterStore(tmp, false),
                                    zeros(tmp, DataType.FLOAT32, run),
                                    false,
                                    null)
                            .getShapes();
            return batch > 1 ? withBatch(out, batch) : out;
        } finally {
            STATE.set(prev);
        }
    }

    /** The batch size shared by all inputs, or -1 if they do not share one. */
    private static long commonBatch(Shape[] shapes) {
        long batch = -1;
        for (Shape s : shapes) {
            if (s.dimension() < 2 || (batch != -1 && s.get(0) != batch)) {
                return -1;
            }
            batch = s.get(0);
        }
        return batch;
    }

    /** The shapes with a batch dimension of {@code batch} where the batch dimension is 1. */
    private static Shape[] withBatch(Shape[] shapes, long batch) {
        Shape[] out = new Shape[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            long[] d = shapes[i].getShape().clone();
            if (d.length > 0 && (d[0] == 1 || batch == 1)) {
                d[0] = batch;
            }
            out[i] = new Shape(d);
        }
        return out;
    }

    static NDList trace(
            Block block,
            ParameterStore ps,
            NDList inputs,
            boolean training,
            List<TraceEntry> into) {
        State prev = STATE.get();
        State s = new State();
        s.trace = into;
        STATE.set(s);
        try {
            TraceEntry root = new TraceEntry("", 0, block, inputs.getShapes());
            into.add(root);
            NDList out = block.forward(ps, inputs, training, null);
            root.setOutputShapes(out.getShapes());
            return out;
        } finally {
            STATE.set(prev);
        }
    }

    private static NDManager managerFor(Block block) {
        for (Parameter p : block.getParameters().values()) {
            if (p.isInitialized()) {
                return p.getArray().getManager().newSubManager();
            }
        }
        return NDManager.newBaseManager();
    }

    private static NDList zeros(NDManager m, DataType dataType, Shape... shapes) {
        NDList list = new NDList(shapes.length);
        for (Shape shape : shapes) {
            list.add(m.zeros(shape, dataType));
        }
        return list;
    }
}

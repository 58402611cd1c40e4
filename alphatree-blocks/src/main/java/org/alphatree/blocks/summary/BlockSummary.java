package org.alphatree.blocks.summary;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatree.blocks.core.Describe;
import org.alphatree.blocks.core.TraceEntry;
import org.alphatree.blocks.core.Tracing;

/**
 * A per-layer summary of any DJL {@link Block}: the call tree with output shapes, parameters and
 * multiply-accumulates (MACs), like torchinfo's summary.
 *
 * <p>Trainable parameters are counted the torchvision way: BatchNorm running statistics are not
 * trainable. MACs count convolutions and linear layers (torchvision's "GFLOPS" column is MACs): a
 * convolution costs {@code outputElements * inChannels / groups * kernelArea}, a linear layer
 * {@code outputElements * inFeatures}. Blocks built from AlphaTree's {@code AlphaBlock} show their
 * whole tree; other blocks appear as a single row.
 */
public final class BlockSummary {

    /**
     * One row: one call of a block during the traced forward pass.
     *
     * @param path dotted reference path ({@code layer1.0.conv1}), empty for the root
     * @param depth nesting depth
     * @param kind the block's description
     * @param outputShape the first output's shape
     * @param parameters parameters of the block and its children (trainable and not)
     * @param macs MACs of the call, including its children
     */
    public record Row(
            String path, int depth, String kind, Shape outputShape, long parameters, long macs) {}

    private final String name;
    private final Shape inputShape;
    private final List<Row> rows;
    private final long trainable;
    private final long total;
    private final long macs;
    private final Shape outputShape;

    private BlockSummary(
            String name,
            Shape inputShape,
            List<Row> rows,
            long trainable,
            long total,
            long macs,
            Shape outputShape) {
        this.name = name;
        this.inputShape = inputShape;
        this.rows = rows;
        this.trainable = trainable;
        this.total = total;
        this.macs = macs;
        this.outputShape = outputShape;
    }

    /**
     * Summarizes a block on an input of the given shape, initializing it (with {@code manager}) if
     * needed. The block runs once in inference mode on zeros.
     *
     * @param manager owns the parameters if the block is initialized here
     * @param name a name for the report, e.g. the registry name
     * @param block the block
     * @param inputShape the input shape, e.g. (1, 3, 224, 224)
     * @param moreInputs the shapes of further inputs (class labels), if the block takes several
     * @return the summary
     */
    public static BlockSummary of(
            NDManager manager, String name, Block block, Shape inputShape, Shape... moreInputs) {
        Shape[] shapes = new Shape[moreInputs.length + 1];
        shapes[0] = inputShape;
        System.arraycopy(moreInputs, 0, shapes, 1, moreInputs.length);
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, shapes);
        }
        List<TraceEntry> trace;
        try (NDManager tmp = manager.newSubManager()) {
            NDList in = new NDList();
            for (Shape s : shapes) {
                in.add(tmp.zeros(s));
            }
            trace = Tracing.trace(block, new ParameterStore(tmp, false), in, false);
        }
        return fromTrace(name, block, inputShape, trace);
    }

    private static BlockSummary fromTrace(
            String name, Block block, Shape inputShape, List<TraceEntry> trace) {
        int n = trace.size();
        long[] own = new long[n];
        for (int i = 0; i < n; i++) {
            own[i] = macsOf(trace.get(i));
        }
        // subtree sums over the pre-order trace
        long[] sub = own.clone();
        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            int d = trace.get(i).depth();
            while (!stack.isEmpty() && trace.get(stack.peek()).depth() >= d) {
                stack.pop();
            }
            for (int j : stack) {
                sub[j] += own[i];
            }
            stack.push(i);
        }
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TraceEntry e = trace.get(i);
            Shape[] out = e.outputShapes();
            rows.add(
                    new Row(
                            e.path(),
                            e.depth(),
                            Describe.of(e.block()),
                            out == null || out.length == 0 ? null : out[0],
                            count(e.block(), false),
                            sub[i]));
        }
        Shape out = rows.get(0).outputShape();
        return new BlockSummary(
                name,
                inputShape,
                Collections.unmodifiableList(rows),
                count(block, true),
                count(block, false),
                sub[0],
                out);
    }

    private static long macsOf(TraceEntry e) {
        Block b = e.block();
        Shape[] out = e.outputShapes();
        if (out == null || out.length == 0) {
            return 0;
        }
        if (b instanceof Convolution || b instanceof Linear) {
            Shape w = b.getParameters().get("weight").getArray().getShape();
            long perOutput = 1;
            for (int k = 1; k < w.dimension(); k++) {
                perOutput *= w.get(k);
            }
            return out[0].size() * perOutput;
        }
        return 0;
    }

    /**
     * Counts a block's parameters, each shared parameter once.
     *
     * @param block an initialized block
     * @param trainableOnly count only parameters that require gradients
     * @return the count
     */
    public static long count(Block block, boolean trainableOnly) {
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        long total = 0;
        for (Parameter p : block.getParameters().values()) {
            if (seen.put(p, Boolean.TRUE) != null || (trainableOnly && !p.requiresGradient())) {
                continue;
            }
            Shape s = p.isInitialized() ? p.getArray().getShape() : p.getShape();
            total += s == null ? 0 : s.size();
        }
        return total;
    }

    /**
     * Returns the report's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the input shape.
     *
     * @return input shape
     */
    public Shape inputShape() {
        return inputShape;
    }

    /**
     * Returns the rows in call order (parents first).
     *
     * @return rows
     */
    public List<Row> rows() {
        return rows;
    }

    /**
     * Returns the trainable parameter count (BatchNorm running statistics excluded).
     *
     * @return trainable parameters
     */
    public long trainableParameters() {
        return trainable;
    }

    /**
     * Returns all parameters, including BatchNorm running statistics.
     *
     * @return total parameters
     */
    public long totalParameters() {
        return total;
    }

    /**
     * Returns the multiply-accumulates of one forward pass at the summarized input shape.
     *
     * @return MACs
     */
    public long macs() {
        return macs;
    }

    /**
     * Returns the shape of the first output.
     *
     * @return output shape
     */
    public Shape outputShape() {
        return outputShape;
    }

    /**
     * Formats the summary as a table, rows deeper than {@code maxDepth} omitted.
     *
     * @param maxDepth the deepest level shown (0: the totals only)
     * @return the table
     */
    public String toTable(int maxDepth) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-58s %-22s %14s %14s%n";
        sb.append(
                String.format(
                        Locale.ROOT, fmt, "Layer (path: kind)", "Output shape", "Params", "MACs"));
        sb.append("-".repeat(111)).append('\n');
        for (Row r : rows) {
            if (r.depth() == 0 || r.depth() > maxDepth) {
                continue;
            }
            String label = "  ".repeat(r.depth() - 1) + r.path() + ": " + r.kind();
            if (label.length() > 58) {
                label = label.substring(0, 55) + "...";
            }
            sb.append(
                    String.format(
                            Locale.ROOT,
                            fmt,
                            label,
                            r.outputShape() == null ? "-" : r.outputShape().toString(),
                            String.format(Locale.ROOT, "%,d", r.parameters()),
                            String.format(Locale.ROOT, "%,d", r.macs())));
        }
        sb.append("-".repeat(111)).append('\n');
        sb.append(
                String.format(
                        Locale.ROOT,
                        "Model: %s, input %s, output %s%n",
                        name,
                        inputShape,
                        outputShape));
        sb.append(String.format(Locale.ROOT, "Trainable parameters: %,d%n", trainable));
        sb.append(String.format(Locale.ROOT, "Total parameters:     %,d%n", total));
        sb.append(
                String.format(
                        Locale.ROOT, "MACs:                 %,d (%.3f G)%n", macs, macs / 1e9));
        return sb.toString();
    }

    /**
     * Formats the summary as JSON: {@code model}, {@code input_shape}, {@code output_shape}, {@code
     * trainable_parameters}, {@code total_parameters}, {@code macs} and {@code layers}.
     *
     * @param maxDepth the deepest level of layers listed
     * @return the JSON text
     */
    public String toJson(int maxDepth) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"model\":").append(Json.str(name));
        sb.append(",\"input_shape\":").append(Json.shape(inputShape));
        sb.append(",\"output_shape\":").append(Json.shape(outputShape));
        sb.append(",\"trainable_parameters\":").append(trainable);
        sb.append(",\"total_parameters\":").append(total);
        sb.append(",\"macs\":").append(macs);
        sb.append(",\"layers\":[");
        boolean first = true;
        for (Row r : rows) {
            if (r.depth() == 0 || r.depth() > maxDepth) {
                continue;
            }
            sb.append(first ? "" : ",");
            first = false;
            sb.append("{\"path\":").append(Json.str(r.path()));
            sb.append(",\"kind\":").append(Json.str(r.kind()));
            sb.append(",\"output_shape\":").append(Json.shape(r.outputShape()));
            sb.append(",\"parameters\":").append(r.parameters());
            sb.append(",\"macs\":").append(r.macs()).append('}');
        }
        return sb.append("]}").toString();
    }
}

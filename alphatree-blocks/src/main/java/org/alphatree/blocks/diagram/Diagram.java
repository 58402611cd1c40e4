package org.alphatree.blocks.diagram;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.core.Describe;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.core.TraceEntry;
import org.alphatree.blocks.core.Tracing;

/**
 * Draws a block as a diagram, from the block itself, so the picture cannot disagree with the
 * network: a forward pass is traced, then laid out series-parallel — sequential children top to
 * bottom, parallel branches side by side between a split and a concat (an Inception module looks
 * like the paper's figure), residual shortcuts as a bypass into an add node. Output: self-contained
 * SVG, or Graphviz DOT.
 */
public final class Diagram {

    /** A node of the layout tree. */
    sealed interface Node permits Leaf, Seq, Par, Res {}

    /** A box: one block, drawn whole. */
    record Leaf(String kind, String label, String path, Shape out) implements Node {}

    /** Children one after another. */
    record Seq(List<Node> items) implements Node {}

    /** Branches side by side, concatenated. */
    record Par(List<Node> branches, boolean sum) implements Node {
        Par(List<Node> branches) {
            this(branches, false);
        }
    }

    /** A residual unit: main path plus shortcut (null: identity) into an add. */
    record Res(Node main, Node shortcut) implements Node {}

    private final String title;
    private final Node root;

    private Diagram(String title, Node root) {
        this.title = title;
        this.root = root;
    }

    /**
     * Traces {@code block} on zeros of the input shapes and builds its diagram.
     *
     * @param title a title, e.g. the model name
     * @param block the block (initialized here with {@code manager} if needed)
     * @param depth how many levels to expand (1: the top-level children only)
     * @param manager the manager that owns (or will own) the block's parameters
     * @param inputShapes the input shapes (several for blocks that take several arrays)
     * @return the diagram
     */
    public static Diagram of(
            String title, Block block, int depth, NDManager manager, Shape... inputShapes) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, inputShapes);
        }
        List<TraceEntry> trace;
        try (NDManager tmp = manager.newSubManager()) {
            NDList in = new NDList();
            for (Shape s : inputShapes) {
                in.add(tmp.zeros(s));
            }
            trace = Tracing.trace(block, new ParameterStore(tmp, false), in, false);
        }
        Builder b = new Builder(trace, depth);
        return new Diagram(title, b.build(trace.get(0)));
    }

    /** Builds the layout tree from the trace. */
    private static final class Builder {
        private final List<TraceEntry> trace;
        private final int maxDepth;
        private final Map<String, Integer> first = new LinkedHashMap<>();

        Builder(List<TraceEntry> trace, int maxDepth) {
            this.trace = trace;
            this.maxDepth = maxDepth;
            for (int i = 0; i < trace.size(); i++) {
                first.putIfAbsent(trace.get(i).path(), i);
            }
        }

        Node build(TraceEntry e) {
            Block b = e.block();
            List<Integer> calls = childCalls(e);
            if (e.depth() >= maxDepth || !(b instanceof AlphaBlock) || calls.isEmpty()) {
                return leaf(e);
            }
            if (b instanceof Branches br && !(b instanceof ResidualUnit)) {
                return branches(e, br);
            }
            if (b instanceof ResidualUnit ru) {
                return residual(e, ru, calls);
            }
            List<Node> items = new ArrayList<>();
            for (int i : calls) {
                items.add(build(trace.get(i)));
            }
            return items.size() == 1 ? items.get(0) : new Seq(items);
        }

        private Node branches(TraceEntry e, Branches br) {
            List<Node> out = new ArrayList<>();
            for (Branches.Branch branch : br.branches()) {
                List<Node> chain = new ArrayList<>();
                for (String n : branch.chain()) {
                    chain.add(child(e, n));
                }
                if (!branch.fork().isEmpty()) {
                    List<Node> fork = new ArrayList<>();
                    for (String n : branch.fork()) {
                        fork.add(child(e, n));
                    }
                    chain.add(new Par(fork, branch.sum()));
                }
                out.add(chain.size() == 1 ? chain.get(0) : new Seq(chain));
            }
            return new Par(out);
        }

        private Node residual(TraceEntry e, ResidualUnit ru, List<Integer> calls) {
            String prefix = e.path().isEmpty() ? "" : e.path() + ".";
            List<Integer> main = new ArrayList<>(calls);
            List<Node> after = new ArrayList<>();
            List<String> afterNames = ru.afterAdd();
            for (int k = afterNames.size() - 1; k >= 0 && !main.isEmpty(); k--) {
                int last = main.get(main.size() - 1);
                if (trace.get(last).path().equals(prefix + afterNames.get(k))) {
                    after.add(0, build(trace.get(last)));
                    main.remove(main.size() - 1);
                }
            }
            Node shortcut = null;
            if (ru.shortcut() != null) {
                String sp = prefix + ru.shortcut();
                main.removeIf(i -> trace.get(i).path().equals(sp));
                Integer s = first.get(sp);
                shortcut = s == null ? null : build(trace.get(s));
            }
            Node mainNode;
            if (e.block() instanceof Branches br) {
                // Inception-ResNet: branches, then the up-projection
                List<Node> items = new ArrayList<>();
                items.add(branches(e, br));
                for (int i : main) {
                    String name = trace.get(i).path().substring(prefix.length());
                    if (!isBranchChild(br, name)) {
                        items.add(build(trace.get(i)));
                    }
                }
                mainNode = new Seq(items);
            } else {
                List<Node> items = new ArrayList<>();
                for (int i : main) {
                    items.add(build(trace.get(i)));
                }
                mainNode = items.size() == 1 ? items.get(0) : new Seq(items);
            }
            Node res = new Res(mainNode, shortcut);
            if (after.isEmpty()) {
                return res;
            }
            List<Node> seq = new ArrayList<>();
            seq.add(res);
            seq.addAll(after);
            return new Seq(seq);
        }

        private static boolean isBranchChild(Branches br, String name) {
            for (Branches.Branch b : br.branches()) {
                if (b.chain().contains(name) || b.fork().contains(name)) {
                    return true;
                }
            }
            return false;
        }

        private Node child(TraceEntry parent, String name) {
            String p = parent.path().isEmpty() ? name : parent.path() + "." + name;
            Integer i = first.get(p);
            if (i == null) {
                throw new IllegalStateException("no call of " + p + " in the trace");
            }
            return build(trace.get(i));
        }

        private List<Integer> childCalls(TraceEntry e) {
            List<Integer> out = new ArrayList<>();
            String prefix = e.path().isEmpty() ? "" : e.path() + ".";
            int start = trace.indexOf(e);
            for (int i = start + 1; i < trace.size(); i++) {
                TraceEntry t = trace.get(i);
                if (t.depth() <= e.depth()) {
                    break;
                }
                if (t.depth() == e.depth() + 1 && t.path().startsWith(prefix)) {
                    out.add(i);
                }
            }
            return out;
        }

        private static Leaf leaf(TraceEntry e) {
            Shape[] out = e.outputShapes();
            String label = Describe.of(e.block());
            if (e.block() instanceof AlphaBlock && !e.path().isEmpty()) {
                // a collapsed composite: say which child it is
                String name = e.path().substring(e.path().lastIndexOf('.') + 1);
                label = name.equals(label) ? name : name + ": " + label;
            }
            return new Leaf(
                    kindOf(e.block()),
                    label,
                    e.path(),
                    out == null || out.length == 0 ? null : out[0]);
        }
    }

    static String kindOf(Block b) {
        String n = b.getClass().getSimpleName();
        if (b instanceof Convolution || n.startsWith("Conv") || n.equals("SpectralNorm")) {
            return "conv";
        }
        if (n.contains("Pool")) {
            return "pool";
        }
        if (n.startsWith("BatchNorm")) {
            return "norm";
        }
        if (n.equals("Activation")
                || n.equals("Dropout")
                || n.equals("DropPath")
                || n.equals("Identity")) {
            return "act";
        }
        if (b instanceof Linear) {
            return "linear";
        }
        return "block";
    }

    /**
     * Renders the diagram as SVG.
     *
     * @return the SVG document
     */
    public String toSvg() {
        return new SvgRenderer(title).render(root);
    }

    /**
     * Renders the diagram as Graphviz DOT.
     *
     * @return the DOT text
     */
    public String toDot() {
        return new SvgRenderer(title).dot(root);
    }
}

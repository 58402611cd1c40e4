package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;

/**
 * The frame of the cell-based networks (NASNet-A, PNASNet): a stem convolution, a chain of {@link
 * NasCell}s each reading the two previous outputs {@code (x, x_prev)}, a final ReLU ({@code act}),
 * global average pooling, {@code head_drop} and {@code last_linear} (timm's names).
 */
public abstract class CellNetwork extends NetworkBlock {

    private final List<String> cells = new ArrayList<>();
    private String stem;
    private Set<String> taps = Set.of();

    /**
     * Creates the frame.
     *
     * @param numClasses classes, 0 for headless
     */
    protected CellNetwork(int numClasses) {
        super(numClasses, new Head("global_pool", "head_drop", "last_linear", false));
    }

    /**
     * Registers the stem convolution; call first.
     *
     * @param name its name ({@code conv0})
     * @param block the convolution
     */
    protected final void stem(String name, ai.djl.nn.Block block) {
        this.stem = name;
        add(name, block);
    }

    /**
     * Registers the next cell.
     *
     * @param name the cell's name ({@code cell_3})
     * @param cell the cell
     */
    protected final void cell(String name, NasCell cell) {
        add(name, cell);
        cells.add(name);
    }

    /**
     * Registers the head; call last.
     *
     * @param featureTaps the stage outputs, shallow to deep ({@code act} last)
     * @param numFeatures the last map's channels
     * @param dropout the head's dropout rate
     */
    protected final void finish(List<String> featureTaps, int numFeatures, float dropout) {
        add("act", Activation.reluBlock());
        add("global_pool", new GlobalAvgPool());
        add("head_drop", new Dropout(dropout));
        List<String> trunk = new ArrayList<>(List.of(stem));
        trunk.addAll(cells);
        trunk.add("act");
        this.taps = Set.copyOf(featureTaps);
        layout(trunk, featureTaps, numFeatures);
        addClassifier();
    }

    /**
     * Whether the next cell still reads this cell's {@code x_prev} as its own (NASNet's cell after
     * a reduction), rather than this cell's {@code x}.
     *
     * @param cell the cell just run
     * @return true to keep {@code x_prev}
     */
    protected abstract boolean keepsPrevious(NasCell cell);

    /** {@inheritDoc} */
    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training) {
        return run(ps, x, training, false).head();
    }

    /** {@inheritDoc} */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        return run(ps, x, training, true);
    }

    private NDList run(ParameterStore ps, NDArray x, boolean training, boolean allTaps) {
        checkInput(x);
        NDList out = new NDList();
        NDArray cur = call(stem, ps, x, training);
        NDArray prev = null;
        if (allTaps) {
            out.add(cur);
        }
        for (String name : cells) {
            NDList in = prev == null ? new NDList(cur) : new NDList(cur, prev);
            NDArray y = call(name, ps, in, training, null).singletonOrThrow();
            NDArray dropped;
            if (keepsPrevious((NasCell) child(name))) {
                dropped = cur;
            } else {
                dropped = prev;
                prev = cur;
            }
            cur = y;
            release(out, dropped);
            if (allTaps && taps.contains(name)) {
                out.add(y);
            }
        }
        release(out, prev);
        NDArray last = call("act", ps, cur, training);
        release(out, cur);
        if (allTaps) {
            out.add(last);
            return out;
        }
        return new NDList(last);
    }

    /** Closes {@code a} unless it is null or one of the returned taps. */
    private static void release(NDList taps, NDArray a) {
        if (a == null) {
            return;
        }
        for (NDArray b : taps) {
            if (b == a) {
                return;
            }
        }
        a.close();
    }
}

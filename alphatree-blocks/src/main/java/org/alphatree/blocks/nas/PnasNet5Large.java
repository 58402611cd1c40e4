package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;

/**
 * PNASNet-5 Large with timm's {@code pnasnet5large} module names: {@code conv_0} (3x3/2, padding 0,
 * 96, BN without ReLU), {@code cell_stem_0}, {@code cell_stem_1} (a reduction), {@code cell_0..11}
 * — {@link NasCell.Type#PNAS} cells, {@code cell_4} and {@code cell_8} reductions, the cell after
 * each reduction reading its older input through a factorized reduction — then {@code act}, global
 * average pooling, {@code head_drop} and {@code last_linear}. Every cell has the same five blocks
 * (Liu et al. 2018, Fig. 2); widths 54 (stem) and 216 · (1, 2, 4) per stack, 4320 features.
 * BatchNorm eps 1e-3; TF "SAME" padding as timm emulates it. Input 331 (minimum 3).
 *
 * <p>Each cell reads the two previous outputs {@code (x, x_prev)}. Stage outputs ({@link
 * #features}): {@code conv_0}, {@code cell_stem_0}, {@code cell_3}, {@code cell_7} and {@code act}
 * (strides 2 to 32); timm taps the ReLU at the start of the next reduction's 1x1 conv, i.e. the
 * same maps after a ReLU.
 *
 * <p>Liu, Zoph, Neumann, Shlens, Hua, Li, Fei-Fei, Yuille, Huang &amp; Murphy, "Progressive Neural
 * Architecture Search", ECCV 2018.
 */
public class PnasNet5Large extends NetworkBlock {

    private static final Set<String> TAPS =
            Set.of("conv_0", "cell_stem_0", "cell_3", "cell_7", "act");

    private final List<String> cells = new ArrayList<>();

    private PnasNet5Large(Builder b) {
        super(b.getNumClasses(), new Head("global_pool", "head_drop", "last_linear", false));
        add(
                "conv_0",
                ConvNormAct.builder()
                        .setFilters(96)
                        .setKernel(3)
                        .optStride(2)
                        .optNorm(n -> new BatchNorm2d(n, 1e-3f, 0.1f))
                        .optActivation(null)
                        .build());
        cell("cell_stem_0", NasCell.pnasStem0(96, 54));
        cell("cell_stem_1", NasCell.pnas(108, 108, true, true));
        int n = 0;
        for (int stack = 0; stack < 3; stack++) {
            int w = 216 << stack;
            for (int i = 0; i < 4; i++) {
                boolean reduction = stack > 0 && i == 0;
                boolean factorized = i == (stack == 0 ? 0 : 1);
                cell("cell_" + n++, NasCell.pnas(w, w, reduction, factorized));
            }
        }
        add("act", Activation.reluBlock());
        add("global_pool", new GlobalAvgPool());
        add("head_drop", new Dropout(b.getDropout()));
        List<String> trunk = new ArrayList<>(List.of("conv_0"));
        trunk.addAll(cells);
        trunk.add("act");
        layout(trunk, List.of("conv_0", "cell_stem_0", "cell_3", "cell_7", "act"), 4320);
        addClassifier();
    }

    private void cell(String name, NasCell cell) {
        add(name, cell);
        cells.add(name);
    }

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
        NDArray cur = call("conv_0", ps, x, training);
        NDArray prev = null;
        if (allTaps) {
            out.add(cur);
        }
        for (String name : cells) {
            NDList in = prev == null ? new NDList(cur) : new NDList(cur, prev);
            NDArray y = call(name, ps, in, training, null).singletonOrThrow();
            if (prev != null && !NasNetA.holds(out, prev)) {
                prev.close();
            }
            prev = cur;
            cur = y;
            if (allTaps && TAPS.contains(name)) {
                out.add(y);
            }
        }
        if (!NasNetA.holds(out, prev)) {
            prev.close();
        }
        NDArray last = call("act", ps, cur, training);
        if (!NasNetA.holds(out, cur)) {
            cur.close();
        }
        if (allTaps) {
            out.add(last);
            return out;
        }
        return new NDList(last);
    }

    /**
     * Returns a builder (dropout 0 as timm's default {@code drop_rate}, 1000 classes).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "PNASNet-5-Large";
    }

    /** Builds a {@link PnasNet5Large}. */
    public static final class Builder extends DropoutBuilder<Builder> {
        private Builder() {
            super(0f);
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public PnasNet5Large build() {
            validate();
            return new PnasNet5Large(this);
        }
    }
}

package org.alphatree.blocks.nas;

import java.util.List;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvNormAct;

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
public class PnasNet5Large extends CellNetwork {

    private PnasNet5Large(DropoutBuilder.Simple<PnasNet5Large> b) {
        super(b.getNumClasses());
        stem(
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
        finish(List.of("conv_0", "cell_stem_0", "cell_3", "cell_7", "act"), 4320, b.getDropout());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never: every PNASNet cell reads the two previous outputs in order.
     */
    @Override
    protected boolean keepsPrevious(NasCell cell) {
        return false;
    }

    /**
     * Returns a builder (dropout 0 as timm's default {@code drop_rate}, 1000 classes).
     *
     * @return a new builder
     */
    public static DropoutBuilder.Simple<PnasNet5Large> builder() {
        return new DropoutBuilder.Simple<>(0f, PnasNet5Large::new);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "PNASNet-5-Large";
    }
}

package org.alphatree.blocks.nas;

import java.util.List;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvNormAct;

/**
 * NASNet-A Large (6 @ 4032) with timm's {@code nasnetalarge} module names: {@code conv0} (3x3/2,
 * padding 0, 96, BN without ReLU), {@code cell_stem_0}, {@code cell_stem_1}, then three stacks of a
 * {@link NasCell.Type#FIRST} and five {@link NasCell.Type#NORMAL} cells ({@code cell_0..17})
 * separated by {@code reduction_cell_0/1}, a final ReLU ({@code act}), global average pooling,
 * {@code head_drop} and {@code last_linear}. Widths 168 · (1, 2, 4) per stack; BatchNorm eps 1e-3;
 * TF "SAME" padding emulated as timm does ({@link org.alphatree.blocks.layers.SamePadding}).
 *
 * <p>Each cell reads the previous two outputs {@code (x, x_prev)}; the cell after a reduction takes
 * the reduction's own {@code x_prev}, as in timm. Input 331 (Mobile: 224); the minimum is 3.
 *
 * <p>Stage outputs ({@link #features}): {@code conv0}, {@code cell_stem_0}, {@code cell_5}, {@code
 * cell_11} and {@code act} (strides 2 to 32); timm taps the ReLU at the start of the next cell's
 * 1x1 conv, i.e. the same maps after a ReLU.
 *
 * <p>Zoph, Vasudevan, Shlens &amp; Le, "Learning Transferable Architectures for Scalable Image
 * Recognition", CVPR 2018.
 */
public class NasNetA extends CellNetwork {

    /** The two published sizes. */
    public enum Size {
        /** NASNet-A Large, 6 @ 4032: stem 96, 168 channels, five normal cells per stack. */
        LARGE(96, 168, 5),
        /** NASNet-A Mobile, 4 @ 1056: stem 32, 44 channels, three normal cells per stack. */
        MOBILE(32, 44, 3);

        private final int stem;
        private final int channels;
        private final int normals;

        Size(int stem, int channels, int normals) {
            this.stem = stem;
            this.channels = channels;
            this.normals = normals;
        }
    }

    private final Size size;

    private NasNetA(Builder b) {
        super(b.getNumClasses());
        this.size = b.size;
        int c = size.channels;
        int normals = size.normals;
        stem(
                "conv0",
                ConvNormAct.builder()
                        .setFilters(size.stem)
                        .setKernel(3)
                        .optStride(2)
                        .optNorm(n -> new BatchNorm2d(n, 1e-3f, 0.1f))
                        .optActivation(null)
                        .build());
        cell("cell_stem_0", NasCell.stem0(size.stem, c / 4));
        cell("cell_stem_1", NasCell.stem1(c / 2));
        int n = 0;
        for (int stack = 0; stack < 3; stack++) {
            int w = c << stack;
            if (stack > 0) {
                cell("reduction_cell_" + (stack - 1), NasCell.reduction(w));
            }
            cell("cell_" + n++, NasCell.first(w / 2, w));
            for (int i = 0; i < normals; i++) {
                cell("cell_" + n++, NasCell.normal(w, w));
            }
        }
        finish(
                List.of(
                        "conv0",
                        "cell_stem_0",
                        "cell_" + normals,
                        "cell_" + (2 * normals + 1),
                        "act"),
                24 * c,
                b.getDropout());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The cell after a reduction reads the reduction's own {@code x_prev}, as in timm.
     */
    @Override
    protected boolean keepsPrevious(NasCell cell) {
        return cell.type() == NasCell.Type.REDUCTION;
    }

    /**
     * Returns a builder (dropout 0 as timm's default {@code drop_rate}, 1000 classes; the size must
     * be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return size == Size.LARGE ? "NASNet-A-Large" : "NASNet-A-Mobile";
    }

    /** Builds a {@link NasNetA}. */
    public static final class Builder extends DropoutBuilder<Builder> {
        private Size size;

        private Builder() {
            super(0f);
        }

        /**
         * Sets the size.
         *
         * @param size Large or Mobile
         * @return this
         */
        public Builder setSize(Size size) {
            this.size = size;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public NasNetA build() {
            validate();
            require(size, "NASNet-A", "the size", Size.values());
            return new NasNetA(this);
        }
    }
}

package org.alphatree.blocks.mobile;

import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.core.StackNetwork;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.MakeDivisible;

/**
 * MobileNetV3 Large and Small with torchvision's module names: {@code features.0} (3x3/2 conv of
 * 16, BN, hard swish), {@code features.1..} ({@link InvertedResidual#v3} units of the paper's
 * Tables 1 and 2), the last 1x1 conv to 6 × the last unit's channels with hard swish, global
 * average pooling and {@code classifier} ({@code 0} linear to 1280 / 1024, {@code 1} hard swish,
 * {@code 2} dropout 0.2, {@code 3} the classifier). BatchNorm eps 1e-3, momentum 0.01; channels
 * {@code make_divisible(c · width, 8)}; torchvision's initialization (kaiming-normal fan-out
 * convolutions, N(0, 0.01) linear layers).
 *
 * <p>Stage outputs ({@link #features}): the last unit before each stride-2 unit and the last conv
 * (strides 2 to 32). {@link #numFeatures()} is the classifier's hidden width (1280 Large, 1024
 * Small): headless, the network returns those pre-logits, timm's {@code head_hidden_size}.
 *
 * <p>Howard, Sandler, Chu, Chen, Chen, Tan, Wang, Zhu, Pang, Vasudevan, Le &amp; Adam, "Searching
 * for MobileNetV3", ICCV 2019.
 */
public class MobileNetV3 extends StackNetwork {

    /** The two published sizes. */
    public enum Size {
        /** MobileNetV3-Large (Table 1). */
        LARGE,
        /** MobileNetV3-Small (Table 2). */
        SMALL
    }

    // in, kernel, expanded, out, se, hard swish, stride; the last three rows form the tail
    private static final int[][] LARGE_ROWS = {
        {16, 3, 16, 16, 0, 0, 1},
        {16, 3, 64, 24, 0, 0, 2},
        {24, 3, 72, 24, 0, 0, 1},
        {24, 5, 72, 40, 1, 0, 2},
        {40, 5, 120, 40, 1, 0, 1},
        {40, 5, 120, 40, 1, 0, 1},
        {40, 3, 240, 80, 0, 1, 2},
        {80, 3, 200, 80, 0, 1, 1},
        {80, 3, 184, 80, 0, 1, 1},
        {80, 3, 184, 80, 0, 1, 1},
        {80, 3, 480, 112, 1, 1, 1},
        {112, 3, 672, 112, 1, 1, 1},
        {112, 5, 672, 160, 1, 1, 2},
        {160, 5, 960, 160, 1, 1, 1},
        {160, 5, 960, 160, 1, 1, 1}
    };
    private static final int[][] SMALL_ROWS = {
        {16, 3, 16, 16, 1, 0, 2},
        {16, 3, 72, 24, 0, 0, 2},
        {24, 3, 88, 24, 0, 0, 1},
        {24, 5, 96, 40, 1, 1, 2},
        {40, 5, 240, 40, 1, 1, 1},
        {40, 5, 240, 40, 1, 1, 1},
        {40, 5, 120, 48, 1, 1, 1},
        {48, 5, 144, 48, 1, 1, 1},
        {48, 5, 288, 96, 1, 1, 2},
        {96, 5, 576, 96, 1, 1, 1},
        {96, 5, 576, 96, 1, 1, 1}
    };

    private final Size size;
    private final float width;

    private MobileNetV3(Builder b) {
        super(b.getNumClasses(), "features", "3", 3, Layers.Init.NORMAL_0_01);
        this.size = b.size;
        this.width = b.getWidthMultiplier();
        int[][] rows = size == Size.LARGE ? LARGE_ROWS : SMALL_ROWS;
        int divider = b.reducedTail ? 2 : 1;
        int dilation = b.dilated ? 2 : 1;
        Sequential f = new Sequential();
        f.add(
                InvertedResidual.cna(
                        adjust(16),
                        3,
                        2,
                        1,
                        1,
                        Activation.factory(Activation.Type.HARD_SWISH),
                        InvertedResidual.V3_NORM));
        List<String> taps = new ArrayList<>();
        int out = 0;
        for (int i = 0; i < rows.length; i++) {
            int[] r = rows[i];
            // the tail (from the last stride-2 unit) is halved by reduced_tail, dilated by dilated
            boolean tail = i >= rows.length - 3;
            int in = adjust(tail && i > rows.length - 3 ? r[0] / divider : r[0]);
            int exp = adjust(tail && i > rows.length - 3 ? r[2] / divider : r[2]);
            out = adjust(tail ? r[3] / divider : r[3]);
            if (r[6] == 2 && !(tail && dilation > 1)) {
                taps.add(String.valueOf(f.namedChildren().size() - 1));
            }
            f.add(
                    InvertedResidual.v3(
                            in, r[1], exp, out, r[4] == 1, r[5] == 1, r[6], tail ? dilation : 1));
        }
        f.add(
                InvertedResidual.cna(
                        6 * out,
                        1,
                        1,
                        1,
                        1,
                        Activation.factory(Activation.Type.HARD_SWISH),
                        InvertedResidual.V3_NORM));
        int hidden = adjust((size == Size.LARGE ? 1280 : 1024) / divider);
        Sequential head =
                new Sequential()
                        .add(Layers.init(Layers.linear(hidden, true), Layers.Init.NORMAL_0_01))
                        .add(new Activation(Activation.Type.HARD_SWISH))
                        .add(new Dropout(b.getDropout()));
        assemble(f, taps, new GlobalAvgPool(), head, hidden);
    }

    private int adjust(int channels) {
        return MakeDivisible.of(channels * width, 8, 0, 0.9);
    }

    /**
     * Returns a builder (width 1.0, dropout 0.2, 1000 classes; the size must be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "MobileNetV3-"
                + (size == Size.LARGE ? "Large" : "Small")
                + (width != 1f ? "-" + width : "");
    }

    /** Builds a {@link MobileNetV3}. */
    public static final class Builder extends WidthBuilder<Builder> {
        private Size size;
        private boolean reducedTail;
        private boolean dilated;

        private Builder() {
            super(0.2f);
        }

        /**
         * Sets the size.
         *
         * @param size Large or Small
         * @return this
         */
        public Builder setSize(Size size) {
            this.size = size;
            return this;
        }

        /**
         * Halves the channels of the last stage (torchvision's {@code reduced_tail}, for detection
         * backbones); off by default.
         *
         * @param reducedTail whether to halve
         * @return this
         */
        public Builder optReducedTail(boolean reducedTail) {
            this.reducedTail = reducedTail;
            return this;
        }

        /**
         * Replaces the last stage's stride 2 by dilation 2 (torchvision's {@code dilated}, for
         * segmentation); off by default.
         *
         * @param dilated whether to dilate
         * @return this
         */
        public Builder optDilated(boolean dilated) {
            this.dilated = dilated;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing or invalid value
         */
        public MobileNetV3 build() {
            validate();
            require(size, "MobileNetV3", "the size", Size.values());
            return new MobileNetV3(this);
        }
    }
}

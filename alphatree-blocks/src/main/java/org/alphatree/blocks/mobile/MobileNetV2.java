package org.alphatree.blocks.mobile;

import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.core.StackNetwork;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.MakeDivisible;

/**
 * MobileNetV2 with torchvision's module names: {@code features.0} (3x3/2 conv, BN, ReLU6), {@code
 * features.1..17} ({@link InvertedResidual#v2} units of the paper's Table 2: t, c, n, s = 1-16-1-1,
 * 6-24-2-2, 6-32-3-2, 6-64-4-2, 6-96-3-1, 6-160-3-2, 6-320-1-1), {@code features.18} (1x1 to the
 * last channel, 1280 · max(1, width)), global average pooling and {@code classifier} ({@code 0}
 * dropout 0.2, {@code 1} linear). Channels are {@code make_divisible(c · width, 8)}. torchvision's
 * initialization: kaiming-normal (fan-out) convolutions, N(0, 0.01) linear.
 *
 * <p>Stage outputs ({@link #features}): the last unit before each stride-2 unit and {@code
 * features.18} (strides 2, 4, 8, 16, 32). Headless: the pooled 1280 features.
 *
 * <p>Sandler, Howard, Zhu, Zhmoginov &amp; Chen, "MobileNetV2: Inverted Residuals and Linear
 * Bottlenecks", CVPR 2018.
 */
public class MobileNetV2 extends StackNetwork {

    private static final int[][] SETTING = {
        {1, 16, 1, 1},
        {6, 24, 2, 2},
        {6, 32, 3, 2},
        {6, 64, 4, 2},
        {6, 96, 3, 1},
        {6, 160, 3, 2},
        {6, 320, 1, 1}
    };

    private final float width;

    private MobileNetV2(Builder b) {
        super(b.getNumClasses(), "features", "1", 3, Layers.Init.NORMAL_0_01);
        this.width = b.getWidthMultiplier();
        int in = MakeDivisible.of(32 * width, 8, 0, 0.9);
        int last = MakeDivisible.of(1280 * Math.max(1f, width), 8, 0, 0.9);
        Sequential f = new Sequential();
        f.add(
                InvertedResidual.cna(
                        in,
                        3,
                        2,
                        1,
                        1,
                        Activation.factory(Activation.Type.RELU6),
                        BatchNorm2d.factory(1e-5f, 0.1f)));
        List<String> taps = new ArrayList<>();
        for (int[] row : SETTING) {
            int out = MakeDivisible.of(row[1] * width, 8, 0, 0.9);
            for (int i = 0; i < row[2]; i++) {
                int stride = i == 0 ? row[3] : 1;
                if (stride == 2) {
                    taps.add(String.valueOf(f.namedChildren().size() - 1));
                }
                f.add(InvertedResidual.v2(in, out, stride, row[0]));
                in = out;
            }
        }
        f.add(
                InvertedResidual.cna(
                        last,
                        1,
                        1,
                        1,
                        1,
                        Activation.factory(Activation.Type.RELU6),
                        BatchNorm2d.factory(1e-5f, 0.1f)));
        Sequential head = new Sequential().add(new Dropout(b.getDropout()));
        assemble(f, taps, new GlobalAvgPool(), head, last);
    }

    /**
     * Returns a builder (width 1.0, dropout 0.2, 1000 classes).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "MobileNetV2" + (width != 1f ? "-" + width : "");
    }

    /** Builds a {@link MobileNetV2}. */
    public static final class Builder extends WidthBuilder<Builder> {

        private Builder() {
            super(0.2f);
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public MobileNetV2 build() {
            validate();
            return new MobileNetV2(this);
        }
    }
}

package org.alphatree.blocks.mobile;

import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.core.StackNetwork;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.MakeDivisible;

/**
 * MNASNet-A (B1 in torchvision's naming) with torchvision's module names: one flat {@code layers}
 * sequence — {@code 0..7} the stem (3x3/2 conv, BN, ReLU, depthwise 3x3, BN, ReLU, 1x1, BN: a
 * separable convolution with no residual), {@code 8..13} six stacks of {@link
 * InvertedResidual#mnas} units (expansion, kernel, repeats, stride = 3-3-3-2, 3-5-3-2, 6-5-3-2,
 * 6-3-2-1, 6-5-4-2, 6-3-1-1), {@code 14..16} a 1x1 conv to 1280 (not scaled by alpha), BN, ReLU —
 * then the spatial mean and {@code classifier} ({@code 0} dropout 0.2, {@code 1} linear).
 *
 * <p>Depths are {@code [32, 16, 24, 40, 80, 96, 192, 320] · alpha} rounded to a multiple of 8 that
 * is at least 0.9 of the value (torchvision's {@code _round_to_multiple_of}, version 2: the stem
 * scales with alpha too). BatchNorm momentum 0.0003 (TF's 0.9997), eps 1e-5. torchvision's
 * initialization: kaiming-normal (fan-out) convolutions, a kaiming-uniform (fan-out, gain 1)
 * classifier.
 *
 * <p>Stage outputs ({@link #features}): {@code layers.7}, {@code 8}, {@code 9}, {@code 11} and
 * {@code 16} (strides 2 to 32). Headless: the pooled 1280 features.
 *
 * <p>Tan, Chen, Pang, Vasudevan, Sandler, Howard &amp; Le, "MnasNet: Platform-Aware Neural
 * Architecture Search for Mobile", CVPR 2019.
 */
public class MnasNet extends StackNetwork {

    /** torchvision's BatchNorm momentum, {@code 1 - 0.9997}. */
    public static final float BN_MOMENTUM = 1 - 0.9997f;

    private static final int[] DEPTHS = {32, 16, 24, 40, 80, 96, 192, 320};
    // expansion, kernel, repeats, stride
    private static final int[][] STACKS = {
        {3, 3, 3, 2}, {3, 5, 3, 2}, {6, 5, 3, 2}, {6, 3, 2, 1}, {6, 5, 4, 2}, {6, 3, 1, 1}
    };

    private final float alpha;

    private MnasNet(Builder b) {
        super(b.getNumClasses(), "layers", "1", 3, Layers.Init.UNIFORM_FAN_OUT);
        this.alpha = b.alpha;
        int[] d = new int[DEPTHS.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = MakeDivisible.of(DEPTHS[i] * alpha, 8, 0, 0.9);
        }
        Sequential f = new Sequential();
        f.add(Layers.conv2d(d[0], 3, 2, 1, 1, false));
        f.add(bn(d[0]));
        f.add(Activation.reluBlock());
        f.add(Layers.conv2d(d[0], 3, 1, 1, d[0], false));
        f.add(bn(d[0]));
        f.add(Activation.reluBlock());
        f.add(Layers.conv2d(d[1], 1, 1, 0, 1, false));
        f.add(bn(d[1]));
        List<String> taps = new ArrayList<>();
        for (int s = 0; s < STACKS.length; s++) {
            int[] st = STACKS[s];
            if (st[3] == 2) {
                taps.add(String.valueOf(f.namedChildren().size() - 1));
            }
            Sequential stack = new Sequential();
            for (int i = 0; i < st[2]; i++) {
                int in = i == 0 ? d[s + 1] : d[s + 2];
                stack.add(
                        InvertedResidual.mnas(
                                in, d[s + 2], st[1], i == 0 ? st[3] : 1, st[0], BN_MOMENTUM));
            }
            f.add(stack);
        }
        f.add(Layers.conv2d(1280, 1, 1, 0, 1, false));
        f.add(bn(1280));
        f.add(Activation.reluBlock());
        Sequential head = new Sequential().add(new Dropout(b.getDropout()));
        assemble(f, taps, new GlobalAvgPool(), head, 1280);
    }

    private static BatchNorm2d bn(int channels) {
        return new BatchNorm2d(channels, 1e-5f, BN_MOMENTUM);
    }

    /**
     * Returns a builder (dropout 0.2, 1000 classes; alpha must be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "MNASNet-" + alpha;
    }

    /** Builds a {@link MnasNet}. */
    public static final class Builder extends DropoutBuilder<Builder> {
        private float alpha;

        private Builder() {
            super(0.2f);
        }

        /**
         * Sets the depth multiplier alpha (torchvision publishes 0.5, 0.75, 1.0 and 1.3).
         *
         * @param alpha the multiplier, positive
         * @return this
         */
        public Builder setAlpha(float alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing or invalid value
         */
        public MnasNet build() {
            validate();
            if (!(alpha > 0 && alpha <= 16)) {
                throw new IllegalArgumentException(
                        "MNASNet: you must specify alpha in (0, 16] (setAlpha), got " + alpha);
            }
            return new MnasNet(this);
        }
    }
}

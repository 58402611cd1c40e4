package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNormAct2d;
import org.alphatree.blocks.layers.DepthwiseSeparableConv;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.MakeDivisible;

/**
 * MobileNet (v1) with timm's {@code mobilenetv1_100} module names: {@code conv_stem} (3x3/2 conv of
 * 32), {@code bn1} (BN + ReLU6), {@code blocks.S.U} ({@link DepthwiseSeparableConv} units, the
 * paper's Table 1: 64; 128 ×2; 256 ×2; 512 ×6; 1024 ×2, the first of stages 1–4 with stride 2),
 * global average pooling and {@code classifier}. Channels {@code make_divisible(c · width, 8)}. No
 * residuals, no head conv; the head's dropout before the classifier ({@code head_drop}) is timm's
 * {@code drop_rate}, 0 by default.
 *
 * <p>Stage outputs ({@link #features}): {@code blocks.0} to {@code blocks.4} (strides 2 to 32),
 * timm's {@code feature_info}. Headless: the pooled 1024 features.
 *
 * <p>Howard, Zhu, Chen, Kalenichenko, Wang, Weyand, Andreetto &amp; Adam, "MobileNets: Efficient
 * Convolutional Neural Networks for Mobile Vision Applications", arXiv:1704.04861, 2017.
 */
public class MobileNetV1 extends NetworkBlock {

    private static final int[][] STAGES = {
        {64, 1, 1}, {128, 2, 2}, {256, 2, 2}, {512, 6, 2}, {1024, 2, 2}
    };
    private static final List<String> TRUNK = List.of("conv_stem", "bn1", "blocks");

    private final float width;

    private MobileNetV1(Builder b) {
        super(b.getNumClasses(), new Head("global_pool", "head_drop", "classifier", false));
        this.width = b.getWidthMultiplier();
        int in = MakeDivisible.of(32 * width, 8, 0, 0.9);
        add("conv_stem", Layers.conv2d(in, 3, 2, 1, 1, false));
        add("bn1", new BatchNormAct2d(in, 1e-5f, 0.1f, Activation.Type.RELU6));
        Sequential blocks = new Sequential();
        for (int[] st : STAGES) {
            int out = MakeDivisible.of(st[0] * width, 8, 0, 0.9);
            Sequential stage = new Sequential();
            for (int i = 0; i < st[1]; i++) {
                stage.add(
                        new DepthwiseSeparableConv(
                                in, out, i == 0 ? st[2] : 1, Activation.Type.RELU6));
                in = out;
            }
            blocks.add(stage);
        }
        add("blocks", blocks);
        add("global_pool", new GlobalAvgPool());
        add("head_drop", new Dropout(b.getDropout()));
        layout(TRUNK, List.of("blocks.0", "blocks.1", "blocks.2", "blocks.3", "blocks.4"), in);
        addClassifier();
    }

    /**
     * Returns a builder (width 1.0, dropout 0, 1000 classes).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "MobileNetV1" + (width != 1f ? "-" + width : "");
    }

    /** {@inheritDoc} */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        checkInput(x);
        NDArray stem = chain(ps, x, training, "conv_stem", "bn1");
        NDList out =
                ((Sequential) child("blocks"))
                        .outputsOf(
                                ps, new NDList(stem), training, List.of("0", "1", "2", "3", "4"));
        stem.close();
        return out;
    }

    /** Builds a {@link MobileNetV1}. */
    public static final class Builder extends WidthBuilder<Builder> {

        private Builder() {
            super(0f);
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the invalid value
         */
        public MobileNetV1 build() {
            validate();
            return new MobileNetV1(this);
        }
    }
}

package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.AdaptiveAvgPool2d;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * GoogLeNet (Inception v1) in torchvision's batch-norm variant: {@code conv1}..{@code conv3},
 * {@code inception3a}..{@code inception5b}, auxiliary heads {@code aux1}/{@code aux2}, {@code fc}.
 * Pools use {@code ceil_mode=True}; BN eps is 0.001. In training mode with auxiliary heads the
 * output is {@code (logits, aux2, aux1)} like torchvision's {@code GoogLeNetOutputs}.
 *
 * <p>Stage outputs ({@link #features}): {@code conv1} (stride 2), {@code conv3} (4), {@code
 * inception3b} (8), {@code inception4e} (16), {@code inception5b} (32).
 *
 * <p>Szegedy et al., "Going Deeper with Convolutions", CVPR 2015.
 */
public class GoogLeNet extends NetworkBlock {

    /** The smallest input torchvision's GoogLeNet accepts. */
    public static final int MIN_SIZE = 15;

    private static final List<String> TRUNK =
            List.of(
                    "conv1",
                    "maxpool1",
                    "conv2",
                    "conv3",
                    "maxpool2",
                    "inception3a",
                    "inception3b",
                    "maxpool3",
                    "inception4a",
                    "inception4b",
                    "inception4c",
                    "inception4d",
                    "inception4e",
                    "maxpool4",
                    "inception5a",
                    "inception5b");

    /** The trunk before aux1, between aux1 and aux2, and after aux2. */
    private static final String[] TO_AUX1 = TRUNK.subList(0, 9).toArray(String[]::new);

    private static final String[] AFTER_AUX2 =
            TRUNK.subList(12, TRUNK.size()).toArray(String[]::new);

    private static final List<String> FEATURES =
            List.of("conv1", "conv3", "inception3b", "inception4e", "inception5b");

    private final boolean transformInput;

    private GoogLeNet(Builder b) {
        super(b.getNumClasses(), new Head("avgpool", "dropout", "fc", false));
        layout(TRUNK, FEATURES, 1024);
        minInputSize(MIN_SIZE);
        this.transformInput = b.transformInput;
        add("conv1", InceptionV3Blocks.conv(64, 7, 2, 3));
        add("maxpool1", Pool2d.max(3, 2, 0, true));
        add("conv2", InceptionV3Blocks.conv(64, 1, 1, 0));
        add("conv3", InceptionV3Blocks.conv(192, 3, 1, 1));
        add("maxpool2", Pool2d.max(3, 2, 0, true));
        boolean f = b.trueFiveByFive;
        add("inception3a", new Inception(64, 96, 128, 16, 32, 32, f));
        add("inception3b", new Inception(128, 128, 192, 32, 96, 64, f));
        add("maxpool3", Pool2d.max(3, 2, 0, true));
        add("inception4a", new Inception(192, 96, 208, 16, 48, 64, f));
        add("inception4b", new Inception(160, 112, 224, 24, 64, 64, f));
        add("inception4c", new Inception(128, 128, 256, 24, 64, 64, f));
        add("inception4d", new Inception(112, 144, 288, 32, 64, 64, f));
        add("inception4e", new Inception(256, 160, 320, 32, 128, 128, f));
        add("maxpool4", Pool2d.max(2, 2, 0, true));
        add("inception5a", new Inception(256, 160, 320, 32, 128, 128, f));
        add("inception5b", new Inception(384, 192, 384, 48, 128, 128, f));
        if (b.auxLogits()) {
            add("aux1", new Aux(b.getNumClasses()));
            add("aux2", new Aux(b.getNumClasses()));
        }
        add("avgpool", new GlobalAvgPool());
        add("dropout", new Dropout(0.2f));
        addClassifier();
    }

    /**
     * Returns a builder (torchvision's defaults: 1000 classes, auxiliary heads, no input transform,
     * its 3x3 third branch).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray prepareInput(NDArray x) {
        return transformInput ? InceptionInputs.transform(x) : x;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        boolean aux = (training || initializing()) && hasChild("aux1");
        if (!aux) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        NDArray x = runFromInput(ps, inputs.singletonOrThrow(), training, TO_AUX1);
        NDArray aux1 = call("aux1", ps, x, training);
        NDArray y = chain(ps, x, training, "inception4b", "inception4c", "inception4d");
        if (y != x) {
            x.close();
        }
        NDArray aux2 = call("aux2", ps, y, training);
        x = chain(ps, y, training, AFTER_AUX2);
        if (x != y) {
            y.close();
        }
        NDArray logits = forwardHead(ps, x, training);
        x.close();
        return training ? new NDList(logits, aux2, aux1) : new NDList(logits);
    }

    /** Builds a {@link GoogLeNet}. */
    public static final class Builder extends TorchvisionInceptionBuilder<Builder> {
        private boolean trueFiveByFive;

        private Builder() {}

        /**
         * Uses the paper's 5x5 in the third branch instead of torchvision's 3x3 (its issue #906;
         * torchvision weights then no longer load).
         *
         * @param trueFiveByFive whether to use 5x5
         * @return this
         */
        public Builder optTrueFiveByFive(boolean trueFiveByFive) {
            this.trueFiveByFive = trueFiveByFive;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if numClasses is negative, or auxiliary heads are
         *     requested without classes
         */
        public GoogLeNet build() {
            validate();
            return new GoogLeNet(this);
        }
    }

    /**
     * GoogLeNet's Inception module: 1x1, 1x1→3x3, 1x1→"5x5", maxpool→1x1, concatenated. The third
     * branch is a 3x3 in torchvision (its issue #906), kept so its weights load; the paper's 5x5 is
     * an option.
     */
    public static final class Inception extends Branches {
        private final String desc;

        /**
         * torchvision's {@code Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj)}.
         *
         * @param ch1x1 1x1 branch channels
         * @param ch3x3red 3x3 branch reduction
         * @param ch3x3 3x3 branch channels
         * @param ch5x5red 5x5 branch reduction
         * @param ch5x5 5x5 branch channels
         * @param poolProj pool branch projection
         * @param trueFiveByFive the paper's 5x5 instead of torchvision's 3x3
         */
        public Inception(
                int ch1x1,
                int ch3x3red,
                int ch3x3,
                int ch5x5red,
                int ch5x5,
                int poolProj,
                boolean trueFiveByFive) {
            add("branch1", InceptionV3Blocks.conv(ch1x1, 1, 1, 0));
            add(
                    "branch2",
                    new Sequential()
                            .add(InceptionV3Blocks.conv(ch3x3red, 1, 1, 0))
                            .add(InceptionV3Blocks.conv(ch3x3, 3, 1, 1)));
            int k = trueFiveByFive ? 5 : 3;
            add(
                    "branch3",
                    new Sequential()
                            .add(InceptionV3Blocks.conv(ch5x5red, 1, 1, 0))
                            .add(InceptionV3Blocks.conv(ch5x5, k, 1, k / 2)));
            add(
                    "branch4",
                    new Sequential()
                            .add(Pool2d.max(3, 1, 1, true))
                            .add(InceptionV3Blocks.conv(poolProj, 1, 1, 0)));
            branch("branch1");
            branch("branch2");
            branch("branch3");
            branch("branch4");
            desc = "Inception(" + ch1x1 + ", " + ch3x3 + ", " + ch5x5 + ", " + poolProj + ")";
        }

        @Override
        public String kind() {
            return desc;
        }
    }

    /** GoogLeNet's auxiliary head: adaptive pool 4x4, 1x1 conv 128, fc 1024, dropout 0.7, fc. */
    public static final class Aux extends AlphaBlock {
        /**
         * torchvision's {@code InceptionAux(in, num_classes, dropout=0.7)}.
         *
         * @param numClasses classes
         */
        public Aux(int numClasses) {
            add("pool", new AdaptiveAvgPool2d(4, 4));
            add("conv", InceptionV3Blocks.conv(128, 1, 1, 0));
            add("fc1", Layers.linear(1024, true));
            add("relu", Activation.reluBlock());
            add("dropout", new Dropout(0.7f));
            add("fc2", Layers.linear(numClasses, true));
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = chain(ps, inputs.singletonOrThrow(), training, "pool", "conv");
            x = consume("fc1", ps, flatten(x), training);
            x = consume("dropout", ps, consume("relu", ps, x, training), training);
            return new NDList(consume("fc2", ps, x, training));
        }
    }
}

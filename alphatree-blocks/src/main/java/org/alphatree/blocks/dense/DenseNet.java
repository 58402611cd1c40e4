package org.alphatree.blocks.dense;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * DenseNet with torchvision's module names: {@code features.conv0}, {@code norm0}, {@code pool0},
 * {@code denseblock1}..{@code 4}, {@code transition1}..{@code 3}, {@code norm5}, {@code
 * classifier}.
 *
 * <p>Stage outputs ({@link #features}): timm's taps {@code features.relu0} (stride 2), {@code
 * features.denseblock1} to {@code N-1}, and {@code relu} (the activated {@code norm5}, stride 32).
 *
 * <p>Huang, Liu, van der Maaten &amp; Weinberger, "Densely Connected Convolutional Networks", CVPR
 * 2017.
 */
public class DenseNet extends NetworkBlock {

    private static final List<String> TRUNK = List.of("features", "relu");

    private final int[] blockConfig;
    private final int growthRate;

    private DenseNet(Builder b) {
        super(b.getNumClasses(), Head.linear("avgpool", "classifier"));
        this.blockConfig = b.blockConfig.clone();
        this.growthRate = b.growthRate;
        Sequential f = new Sequential();
        f.append("conv0", kaimingFanIn(Layers.conv2d(b.numInitFeatures, 7, 2, 3, 1, false)));
        f.append("norm0", new BatchNorm2d(b.numInitFeatures));
        f.append("relu0", Activation.reluBlock());
        f.append("pool0", Pool2d.max(3, 2, 1, false));
        int c = b.numInitFeatures;
        for (int i = 0; i < blockConfig.length; i++) {
            f.append(
                    "denseblock" + (i + 1),
                    new DenseBlock(blockConfig[i], b.bnSize, growthRate, b.dropRate));
            c += blockConfig[i] * growthRate;
            if (i != blockConfig.length - 1) {
                c = (int) (c * b.compression);
                f.append("transition" + (i + 1), new Transition(c));
            }
        }
        f.append("norm5", new BatchNorm2d(c));
        add("features", f);
        add("relu", Activation.reluBlock());
        List<String> taps = new ArrayList<>();
        taps.add("features.relu0");
        for (int i = 1; i < blockConfig.length; i++) {
            taps.add("features.denseblock" + i);
        }
        taps.add("relu");
        layout(TRUNK, taps, c);
        add("avgpool", new GlobalAvgPool());
        addClassifier();
    }

    /**
     * Returns a builder (torchvision's DenseNet-121 defaults except the block config, which must be
     * set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * torchvision's initialization of DenseNet convolutions: kaiming-normal, fan-in.
     *
     * @param conv the convolution
     * @return the convolution
     */
    static Conv2d kaimingFanIn(Conv2d conv) {
        return Layers.init(conv, Layers.Init.KAIMING_FAN_IN);
    }

    /** {@inheritDoc} */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        checkInput(x);
        List<String> names = new ArrayList<>();
        for (String n : featureNames()) {
            names.add(n.startsWith("features.") ? n.substring("features.".length()) : "norm5");
        }
        NDList out = ((Sequential) child("features")).outputsOf(ps, new NDList(x), training, names);
        int last = out.size() - 1;
        out.set(last, consume("relu", ps, out.get(last), training));
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "DenseNet(k=" + growthRate + ", " + Arrays.toString(blockConfig) + ")";
    }

    /** Builds a {@link DenseNet}; torchvision's arguments, named. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private int growthRate = 32;
        private int[] blockConfig;
        private int numInitFeatures = 64;
        private int bnSize = 4;
        private double compression = 0.5;
        private float dropRate;

        private Builder() {}

        /**
         * Sets the layers per dense block (DenseNet-121: 6, 12, 24, 16).
         *
         * @param blockConfig the block depths
         * @return this
         */
        public Builder setBlockConfig(int... blockConfig) {
            this.blockConfig = blockConfig.clone();
            return this;
        }

        /**
         * Sets the growth rate k (32; DenseNet-161: 48).
         *
         * @param growthRate k
         * @return this
         */
        public Builder optGrowthRate(int growthRate) {
            this.growthRate = growthRate;
            return this;
        }

        /**
         * Sets the stem's channels (64; DenseNet-161: 96).
         *
         * @param numInitFeatures the channels
         * @return this
         */
        public Builder optNumInitFeatures(int numInitFeatures) {
            this.numInitFeatures = numInitFeatures;
            return this;
        }

        /**
         * Sets the bottleneck multiplier (4): each layer's 1x1 has {@code bnSize * k} channels.
         *
         * @param bnSize the multiplier
         * @return this
         */
        public Builder optBnSize(int bnSize) {
            this.bnSize = bnSize;
            return this;
        }

        /**
         * Sets the transitions' compression θ (0.5).
         *
         * @param compression θ in (0, 1]
         * @return this
         */
        public Builder optCompression(double compression) {
            this.compression = compression;
            return this;
        }

        /**
         * Sets the dropout rate after each dense layer (0).
         *
         * @param dropRate the rate
         * @return this
         */
        public Builder optDropRate(float dropRate) {
            this.dropRate = dropRate;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing or invalid value
         */
        public DenseNet build() {
            validate();
            require(blockConfig, "DenseNet", "the block config (setBlockConfig)");
            if (blockConfig.length == 0 || Arrays.stream(blockConfig).anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException(
                        "block config must be positive: " + Arrays.toString(blockConfig));
            }
            if (!(compression > 0 && compression <= 1)) {
                throw new IllegalArgumentException(
                        "compression must be in (0, 1], got " + compression);
            }
            if (growthRate < 1 || numInitFeatures < 1 || bnSize < 1) {
                throw new IllegalArgumentException(
                        "growthRate, numInitFeatures and bnSize must be positive");
            }
            return new DenseNet(this);
        }
    }
}

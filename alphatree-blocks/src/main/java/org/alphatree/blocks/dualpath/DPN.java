package org.alphatree.blocks.dualpath;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Dual Path Network with timm's module names: {@code features.conv1_1}, {@code conv1_pool}, {@code
 * conv2_1}..{@code conv5_N}, {@code conv5_bn_ac} (BN + ReLU, see below), and a 1x1-conv {@code
 * classifier}.
 *
 * <p>Stage outputs ({@link #features}): {@code features.conv1_1} (stride 2), the last block of
 * stages 2 to 4 (residual and dense paths concatenated) and {@code features.conv5_bn_ac} (stride
 * 32).
 *
 * <p>Chen, Li, Xiao, Jin, Yan &amp; Feng, "Dual Path Networks", NeurIPS 2017.
 */
public class DPN extends NetworkBlock {

    private DPN(Builder b) {
        super(b.getNumClasses(), new Head("global_pool", null, "classifier", true));
        int bwFactor = b.smallStem ? 1 : 4;
        Sequential f = new Sequential();
        int k = b.smallStem ? 3 : 7;
        f.append(
                "conv1_1",
                ConvNormAct.builder()
                        .setFilters(b.initFeatures)
                        .setKernel(k)
                        .optStride(2)
                        .optSamePadding()
                        .optNorm(BatchNorm2d.factory(1e-3f, 0.1f))
                        .build());
        f.append("conv1_pool", Pool2d.max(3, 2, 1, false));
        List<String> featureNames = new ArrayList<>();
        featureNames.add("features.conv1_1");
        for (int s = 0; s < 4; s++) {
            int bw = (64 << s) * bwFactor;
            int inc = b.increments[s];
            int r = (b.kR * bw) / (64 * bwFactor);
            for (int i = 1; i <= b.blocks[s]; i++) {
                DualPathBlock.Type type =
                        i > 1
                                ? DualPathBlock.Type.NORMAL
                                : s == 0 ? DualPathBlock.Type.PROJ : DualPathBlock.Type.DOWN;
                f.append(
                        "conv" + (s + 2) + "_" + i,
                        new DualPathBlock(r, r, bw, inc, b.groups, type, b.bVariant));
            }
            if (s < 3) {
                featureNames.add("features.conv" + (s + 2) + "_" + b.blocks[s]);
            }
        }
        // timm passes fc_act_layer='elu' here, but its norm-act factory keeps the ReLU of the
        // partial it is given: the network (like the original MXNet DPN) ends in BN + ReLU
        f.append("conv5_bn_ac", new CatBnAct(Activation.Type.RELU));
        featureNames.add("features.conv5_bn_ac");
        // the residual path's width plus the dense path's: 3 increments from the projection block
        // and one more per block of the last stage
        int channels = 512 * bwFactor + (b.blocks[3] + 2) * b.increments[3];
        layout(List.of("features"), featureNames, channels);
        add("features", f);
        add("global_pool", new GlobalAvgPool());
        addClassifier();
    }

    /**
     * Returns a builder; timm's {@code DPN(...)} arguments, named.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        checkInput(x);
        List<String> names =
                featureNames().stream().map(n -> n.substring("features.".length())).toList();
        return ((Sequential) child("features")).outputsOf(ps, new NDList(x), training, names);
    }

    /** Builds a {@link DPN}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private boolean smallStem;
        private int initFeatures = -1;
        private int kR = -1;
        private int groups = -1;
        private boolean bVariant;
        private int[] blocks;
        private int[] increments;

        private Builder() {}

        /**
         * Uses DPN-68's small stem (3x3 conv, bottleneck widths ×1 instead of ×4).
         *
         * @param smallStem whether to use it
         * @return this
         */
        public Builder optSmallStem(boolean smallStem) {
            this.smallStem = smallStem;
            return this;
        }

        /**
         * Sets the stem's channels (DPN-92: 64).
         *
         * @param initFeatures the channels
         * @return this
         */
        public Builder setInitFeatures(int initFeatures) {
            this.initFeatures = initFeatures;
            return this;
        }

        /**
         * Sets the bottleneck width parameter k_r and the groups of the 3x3s (DPN-92: 96, 32).
         *
         * @param kR k_r
         * @param groups groups
         * @return this
         */
        public Builder setWidth(int kR, int groups) {
            this.kR = kR;
            this.groups = groups;
            return this;
        }

        /**
         * Sets the blocks per stage ({@code k_sec}, four; DPN-92: 3, 4, 20, 3).
         *
         * @param blocks the depths
         * @return this
         */
        public Builder setBlocks(int... blocks) {
            this.blocks = blocks.clone();
            return this;
        }

        /**
         * Sets the dense increment per stage ({@code inc_sec}, four; DPN-92: 16, 32, 24, 128).
         *
         * @param increments the increments
         * @return this
         */
        public Builder setIncrements(int... increments) {
            this.increments = increments.clone();
            return this;
        }

        /**
         * Uses DPN-68b's block form ({@code b=True}: the 1x1 after the 3x3 is split in two).
         *
         * @param bVariant whether to use it
         * @return this
         */
        public Builder optBVariant(boolean bVariant) {
            this.bVariant = bVariant;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public DPN build() {
            validate();
            List<String> missing = new ArrayList<>();
            if (initFeatures < 1) {
                missing.add("the stem's channels (setInitFeatures)");
            }
            if (kR < 1 || groups < 1) {
                missing.add("k_r and groups (setWidth)");
            }
            if (blocks == null || blocks.length != 4) {
                missing.add("four stage depths (setBlocks)");
            }
            if (increments == null || increments.length != 4) {
                missing.add("four increments (setIncrements)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "DPN: you must specify " + String.join(", ", missing));
            }
            return new DPN(this);
        }
    }
}

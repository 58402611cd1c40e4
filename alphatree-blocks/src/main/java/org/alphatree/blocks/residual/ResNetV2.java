package org.alphatree.blocks.residual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.BatchNormAct2d;
import org.alphatree.blocks.layers.DropPath;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Pre-activation ResNet (v2) with timm's {@code resnetv2} module names: {@code stem.conv}, {@code
 * stages.i.blocks.j}, the final {@code norm} (BN + ReLU) and a 1x1-conv classifier {@code head.fc}.
 *
 * <p>Stage outputs ({@link #features}): timm's taps {@code stem.conv} (stride 2), {@code stages.0}
 * (4), {@code stages.1} (8), {@code stages.2} (16) and {@code norm} (32, the pre-activated last
 * stage).
 *
 * <p>He, Zhang, Ren &amp; Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016.
 */
public class ResNetV2 extends NetworkBlock {

    private static final List<String> TRUNK = List.of("stem", "stages", "norm");
    private static final List<String> FEATURES =
            List.of("stem.conv", "stages.0", "stages.1", "stages.2", "norm");

    private final int[] layers;

    private ResNetV2(Builder b) {
        super(b.getNumClasses(), new Head("head.global_pool", null, "head.fc", true));
        layout(TRUNK, FEATURES, 2048);
        this.layers = b.layers.clone();
        add(
                "stem",
                new Sequential()
                        .append("conv", Layers.conv2d(64, 7, 2, 3, 1, false))
                        .append("pool", Pool2d.max(3, 2, 1, false)));
        float[][] dpr = DropPath.linearSchedule(b.dropPathRate, layers);
        Sequential stages = new Sequential();
        int in = 64;
        for (int i = 0; i < 4; i++) {
            int out = 256 << i;
            Sequential blocks = new Sequential();
            for (int j = 0; j < layers[i]; j++) {
                int stride = j == 0 && i > 0 ? 2 : 1;
                boolean project = j == 0 && (stride != 1 || in != out);
                blocks.add(new PreActBottleneck(out, stride, project, dpr[i][j]));
                in = out;
            }
            stages.add(new Sequential().append("blocks", blocks));
        }
        add("stages", stages);
        add("norm", new BatchNormAct2d(in));
        add("head", new Sequential().append("global_pool", new GlobalAvgPool()));
        addClassifier();
    }

    /**
     * Returns a builder.
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
        NDList stem =
                ((Sequential) child("stem"))
                        .outputsOf(ps, new NDList(x), training, List.of("conv", "pool"));
        NDList stages =
                ((Sequential) child("stages"))
                        .outputsOf(
                                ps, new NDList(stem.get(1)), training, List.of("0", "1", "2", "3"));
        stem.get(1).close();
        NDArray norm = consume("norm", ps, stages.get(3), training);
        return new NDList(stem.get(0), stages.get(0), stages.get(1), stages.get(2), norm);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forwardHead(ParameterStore ps, NDArray features, boolean training) {
        return flatten(call("head", ps, features, training));
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ResNetV2(" + Arrays.toString(layers) + ")";
    }

    /** Builds a {@link ResNetV2}. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private int[] layers;
        private float dropPathRate;

        private Builder() {}

        /**
         * Sets the units per stage (four; resnetv2_50: 3, 4, 6, 3).
         *
         * @param layers the stage depths
         * @return this
         */
        public Builder setLayers(int... layers) {
            this.layers = layers.clone();
            return this;
        }

        /**
         * Sets timm's {@code drop_path_rate}, linearly increasing over the units (default 0).
         *
         * @param rate the rate of the last unit
         * @return this
         */
        public Builder optDropPathRate(float rate) {
            this.dropPathRate = rate;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if the stage depths are missing or invalid
         */
        public ResNetV2 build() {
            validate();
            require(layers, "ResNetV2", "the stage depths (setLayers)");
            if (layers.length != 4 || Arrays.stream(layers).anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException(
                        "ResNetV2 needs 4 positive stage depths: " + Arrays.toString(layers));
            }
            return new ResNetV2(this);
        }
    }
}

package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.core.StackNetwork;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * SqueezeNet 1.0 and 1.1 with torchvision's module names: {@code features.N} (a stem convolution
 * with padding 0, ReLU, 3x3/2 max pools with {@code ceil_mode}, and {@link Fire} modules) and a
 * convolutional {@code classifier} ({@code 0} dropout, {@code 1} the 1x1 classifier convolution,
 * {@code 2} ReLU, {@code 3} global average pool). torchvision's initialization: kaiming-uniform
 * convolutions, N(0, 0.01) for the classifier, zero biases.
 *
 * <p>Stage outputs ({@link #features}): the ReLU or Fire before each max pool and the last Fire
 * (strides 2, 4, 8 and 16). Headless, it returns the global average of the last Fire's 512
 * channels. Minimum input: 21 (1.0), 17 (1.1).
 *
 * <p>Iandola, Han, Moskewicz, Ashraf, Dally &amp; Keutzer, "SqueezeNet: AlexNet-level accuracy with
 * 50x fewer parameters and &lt;0.5MB model size", arXiv:1602.07360, 2016 (1.1: the SqueezeNet
 * repository's v1.1, 2.4x less computation).
 */
public class SqueezeNet extends StackNetwork {

    /** The two published versions. */
    public enum Version {
        /** The paper's SqueezeNet: 7x7/2 stem of 96, pools after the stem, fire4 and fire8. */
        V1_0,
        /** v1.1: 3x3/2 stem of 64 and earlier pools (after the stem, fire3 and fire5). */
        V1_1
    }

    private final Version version;

    private SqueezeNet(Builder b) {
        super(
                b.getNumClasses(),
                "features",
                new Head(null, null, "classifier.1", true),
                3,
                Layers.Init.NORMAL_0_01);
        this.version = b.version;
        Sequential f = new Sequential();
        List<String> taps = new ArrayList<>();
        boolean v10 = version == Version.V1_0;
        f.add(Layers.conv2d(v10 ? 96 : 64, v10 ? 7 : 3, 2, 0, 1, true));
        f.add(Activation.reluBlock());
        // fire widths (squeeze, expand) in order; 0 marks a max pool
        int[] plan =
                v10
                        ? new int[] {0, 16, 16, 32, 0, 32, 48, 48, 64, 0, 64}
                        : new int[] {0, 16, 16, 0, 32, 32, 0, 48, 48, 64, 64};
        for (int s : plan) {
            if (s == 0) {
                taps.add(String.valueOf(f.namedChildren().size() - 1));
                f.add(Pool2d.max(3, 2, 0, true));
            } else {
                f.add(new Fire(s, 4 * s, 4 * s));
            }
        }
        Layers.init(f, Layers.Init.KAIMING_UNIFORM_FAN_IN);
        assemble(f, taps, null, new Head3(b.getDropout()), 512);
    }

    /**
     * Returns a builder (dropout 0.5, 1000 classes; the version must be set).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return version == Version.V1_0 ? "SqueezeNet-1.0" : "SqueezeNet-1.1";
    }

    /**
     * {@inheritDoc}
     *
     * <p>Dropout, the 1x1 classifier convolution, ReLU and the global average pool; headless, the
     * pooled features {@code (N, 512)}.
     */
    @Override
    public NDArray forwardHead(ParameterStore ps, NDArray features, boolean training) {
        return flatten(call("classifier", ps, features, training));
    }

    /** torchvision's classifier sequence; {@code 1} is added (or removed) by the frame. */
    private static final class Head3 extends AlphaBlock {
        Head3(float dropout) {
            add("0", new Dropout(dropout));
            add("2", Activation.reluBlock());
            add("3", new GlobalAvgPool());
        }

        @Override
        public String kind() {
            return "SqueezeNetHead";
        }

        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
            NDArray y = call("0", ps, x, training);
            if (hasChild("1")) {
                y = y == x ? call("1", ps, y, training) : consume("1", ps, y, training);
            }
            y = y == x ? call("2", ps, y, training) : consume("2", ps, y, training);
            return y == x ? call("3", ps, y, training) : consume("3", ps, y, training);
        }
    }

    /** Builds a {@link SqueezeNet}. */
    public static final class Builder extends DropoutBuilder<Builder> {
        private Version version;

        private Builder() {
            super(0.5f);
        }

        /**
         * Sets the version.
         *
         * @param version 1.0 or 1.1
         * @return this
         */
        public Builder setVersion(Version version) {
            this.version = version;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException naming the missing or invalid value
         */
        public SqueezeNet build() {
            validate();
            require(version, "SqueezeNet", "the version", Version.values());
            return new SqueezeNet(this);
        }
    }
}

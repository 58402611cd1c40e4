package org.alphatree.blocks.inception;

import static org.alphatree.blocks.inception.TimmInception.c;
import static org.alphatree.blocks.inception.TimmInception.max3s2;
import static org.alphatree.blocks.inception.TimmInception.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Inception-ResNet-v2 with timm's module names: stem {@code conv2d_1a}..{@code maxpool_5a}, {@code
 * mixed_5b}, {@code repeat} (10 × Block35, scale 0.17), {@code mixed_6a}, {@code repeat_1} (20 ×
 * Block17, 0.10), {@code mixed_7a}, {@code repeat_2} (9 × Block8, 0.20), the final {@code block8}
 * (scale 1.0, no ReLU), {@code conv2d_7b}, {@code classif}.
 *
 * <p>The residual units <b>add</b> the scaled up-projection to their input (the up-projection
 * {@code conv2d} has a bias and no BN); concatenating instead is a known bug of other ports.
 *
 * <p>Stage outputs ({@link #features}): timm's taps {@code conv2d_2b} (stride 2), {@code conv2d_4a}
 * (4), {@code repeat} (8), {@code repeat_1} (16), {@code conv2d_7b} (32).
 *
 * <p>Szegedy, Ioffe, Vanhoucke &amp; Alemi, "Inception-v4, Inception-ResNet and the Impact of
 * Residual Connections on Learning", AAAI 2017.
 */
public class InceptionResNetV2 extends NetworkBlock {

    /** The smallest input the network accepts. */
    public static final int MIN_SIZE = 75;

    private static final List<String> FEATURES =
            List.of("conv2d_2b", "conv2d_4a", "repeat", "repeat_1", "conv2d_7b");

    private InceptionResNetV2(int numClasses) {
        super(numClasses, Head.linear("global_pool", "classif"));
        add("conv2d_1a", c(32, 3, 2, 0));
        add("conv2d_2a", c(32, 3, 1, 0));
        add("conv2d_2b", c(64, 3, 1, 1));
        add("maxpool_3a", max3s2());
        add("conv2d_3b", c(80, 1, 1, 0));
        add("conv2d_4a", c(192, 3, 1, 0));
        add("maxpool_5a", max3s2());
        add("mixed_5b", new Mixed5b());
        Sequential r = new Sequential();
        for (int i = 0; i < 10; i++) {
            r.add(new Block35(0.17f));
        }
        add("repeat", r);
        add("mixed_6a", new Mixed6a());
        Sequential r1 = new Sequential();
        for (int i = 0; i < 20; i++) {
            r1.add(new Block17(0.10f));
        }
        add("repeat_1", r1);
        add("mixed_7a", new Mixed7a());
        Sequential r2 = new Sequential();
        for (int i = 0; i < 9; i++) {
            r2.add(new Block8(0.20f, true));
        }
        add("repeat_2", r2);
        add("block8", new Block8(1.0f, false));
        add("conv2d_7b", c(1536, 1, 1, 0));
        layout(List.copyOf(namedChildren().keySet()), FEATURES, 1536);
        minInputSize(MIN_SIZE);
        add("global_pool", new GlobalAvgPool());
        addClassifier();
    }

    /**
     * Returns a builder (1000 classes by default).
     *
     * @return a new builder
     */
    public static NetworkBuilder.Simple<InceptionResNetV2> builder() {
        return new NetworkBuilder.Simple<>(InceptionResNetV2::new);
    }

    /**
     * The residual Inception unit: branches, concat, 1x1 up-projection, {@code x + scale·up}, ReLU.
     */
    abstract static class Residual extends Branches implements ResidualUnit {
        private final float scale;
        private final boolean relu;

        Residual(float scale, boolean relu) {
            this.scale = scale;
            this.relu = relu;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray up =
                    consume(
                            "conv2d",
                            ps,
                            super.forwardInternal(ps, inputs, training, params).head(),
                            training);
            // in place on this unit's own intermediate, as timm's "out * scale + x". The scale is
            // a tensor libtorch allocates (full), not DJL's muli(Number), whose scalar wraps a
            // Java buffer that is freed when DJL closes it, while autograd still reads it in
            // backward: that made the input gradient garbage about once in 150 runs
            NDArray out;
            try (NDArray s = up.getManager().full(new Shape(), scale, up.getDataType())) {
                out = up.muli(s).addi(x);
            }
            if (relu) {
                out = consume("act", ps, out, training);
            }
            return new NDList(out);
        }

        float scale() {
            return scale;
        }

        @Override
        public String shortcut() {
            return null;
        }

        @Override
        public java.util.List<String> afterAdd() {
            return relu ? java.util.List.of("act") : java.util.List.of();
        }
    }

    /** 35x35 residual unit (timm {@code Block35}). */
    public static final class Block35 extends Residual {
        /**
         * Creates the unit.
         *
         * @param scale residual scale (0.17)
         */
        public Block35(float scale) {
            super(scale, true);
            add("branch0", c(32, 1, 1, 0));
            add("branch1", seq(c(32, 1, 1, 0), c(32, 3, 1, 1)));
            add("branch2", seq(c(32, 1, 1, 0), c(48, 3, 1, 1), c(64, 3, 1, 1)));
            add("conv2d", Layers.conv2d(320, 1, 1, 0, 1, true));
            add("act", Activation.reluBlock());
            branch("branch0");
            branch("branch1");
            branch("branch2");
        }

        @Override
        public String kind() {
            return "Block35(scale " + scale() + ")";
        }
    }

    /** 17x17 residual unit (timm {@code Block17}). */
    public static final class Block17 extends Residual {
        /**
         * Creates the unit.
         *
         * @param scale residual scale (0.10)
         */
        public Block17(float scale) {
            super(scale, true);
            add("branch0", c(192, 1, 1, 0));
            add("branch1", seq(c(128, 1, 1, 0), c(160, 1, 7), c(192, 7, 1)));
            add("conv2d", Layers.conv2d(1088, 1, 1, 0, 1, true));
            add("act", Activation.reluBlock());
            branch("branch0");
            branch("branch1");
        }

        @Override
        public String kind() {
            return "Block17(scale " + scale() + ")";
        }
    }

    /** 8x8 residual unit (timm {@code Block8}); the last one has no ReLU. */
    public static final class Block8 extends Residual {
        /**
         * Creates the unit.
         *
         * @param scale residual scale (0.20; 1.0 for the last)
         * @param relu whether to apply the ReLU (false for the last)
         */
        public Block8(float scale, boolean relu) {
            super(scale, relu);
            add("branch0", c(192, 1, 1, 0));
            add("branch1", seq(c(192, 1, 1, 0), c(224, 1, 3), c(256, 3, 1)));
            add("conv2d", Layers.conv2d(2080, 1, 1, 0, 1, true));
            if (relu) {
                add("act", Activation.reluBlock());
            }
            branch("branch0");
            branch("branch1");
        }

        @Override
        public String kind() {
            return "Block8(scale " + scale() + ")";
        }
    }

    /** Stem module. */
    static final class Mixed5b extends Branches {
        Mixed5b() {
            add("branch0", c(96, 1, 1, 0));
            add("branch1", seq(c(48, 1, 1, 0), c(64, 5, 1, 2)));
            add("branch2", seq(c(64, 1, 1, 0), c(96, 3, 1, 1), c(96, 3, 1, 1)));
            add("branch3", seq(Pool2d.avg(3, 1, 1, false, false), c(64, 1, 1, 0)));
            branch("branch0");
            branch("branch1");
            branch("branch2");
            branch("branch3");
        }
    }

    /** 35 → 17 reduction. */
    static final class Mixed6a extends Branches {
        Mixed6a() {
            add("branch0", c(384, 3, 2, 0));
            add("branch1", seq(c(256, 1, 1, 0), c(256, 3, 1, 1), c(384, 3, 2, 0)));
            add("branch2", max3s2());
            branch("branch0");
            branch("branch1");
            branch("branch2");
        }
    }

    /** 17 → 8 reduction. */
    static final class Mixed7a extends Branches {
        Mixed7a() {
            add("branch0", seq(c(256, 1, 1, 0), c(384, 3, 2, 0)));
            add("branch1", seq(c(256, 1, 1, 0), c(288, 3, 2, 0)));
            add("branch2", seq(c(256, 1, 1, 0), c(288, 3, 1, 1), c(320, 3, 2, 0)));
            add("branch3", max3s2());
            branch("branch0");
            branch("branch1");
            branch("branch2");
            branch("branch3");
        }
    }
}

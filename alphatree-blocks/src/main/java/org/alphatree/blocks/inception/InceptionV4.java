package org.alphatree.blocks.inception;

import static org.alphatree.blocks.inception.TimmInception.avgNoPad;
import static org.alphatree.blocks.inception.TimmInception.c;
import static org.alphatree.blocks.inception.TimmInception.max3s2;
import static org.alphatree.blocks.inception.TimmInception.seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.GlobalAvgPool;

/**
 * Inception v4 with timm's module names: {@code features.0}..{@code features.21} (stem, Mixed3a,
 * Mixed4a, Mixed5a, 4×InceptionA, ReductionA, 7×InceptionB, ReductionB, 3×InceptionC) and {@code
 * last_linear}.
 *
 * <p>Stage outputs ({@link #features}): timm's taps {@code features.2} (stride 2), {@code
 * features.3} (4), {@code features.9} (8), {@code features.17} (16), {@code features.21} (32).
 *
 * <p>Szegedy, Ioffe, Vanhoucke &amp; Alemi, "Inception-v4, Inception-ResNet and the Impact of
 * Residual Connections on Learning", AAAI 2017.
 */
public class InceptionV4 extends NetworkBlock {

    /** The smallest input the network accepts. */
    public static final int MIN_SIZE = 75;

    private static final List<String> FEATURES =
            List.of("features.2", "features.3", "features.9", "features.17", "features.21");

    private InceptionV4(int numClasses) {
        super(numClasses, Head.linear("global_pool", "last_linear"));
        layout(List.of("features"), FEATURES, 1536);
        minInputSize(MIN_SIZE);
        Sequential f = new Sequential();
        f.add(c(32, 3, 2, 0)).add(c(32, 3, 1, 0)).add(c(64, 3, 1, 1));
        f.add(new Mixed3a()).add(new Mixed4a()).add(new Mixed5a());
        for (int i = 0; i < 4; i++) {
            f.add(new A());
        }
        f.add(new ReductionA());
        for (int i = 0; i < 7; i++) {
            f.add(new B());
        }
        f.add(new ReductionB());
        for (int i = 0; i < 3; i++) {
            f.add(new C());
        }
        add("features", f);
        add("global_pool", new GlobalAvgPool());
        addClassifier();
    }

    /**
     * Returns a builder (1000 classes by default).
     *
     * @return a new builder
     */
    public static NetworkBuilder.Simple<InceptionV4> builder() {
        return new NetworkBuilder.Simple<>(InceptionV4::new);
    }

    /** {@inheritDoc} */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        checkInput(x);
        return ((Sequential) child("features"))
                .outputsOf(ps, new NDList(x), training, List.of("2", "3", "9", "17", "21"));
    }

    /** Stem: max pool and strided 3x3 side by side. */
    public static final class Mixed3a extends Branches {
        Mixed3a() {
            add("maxpool", max3s2());
            add("conv", c(96, 3, 2, 0));
            branch("maxpool");
            branch("conv");
        }
    }

    /** Stem: 1x1→3x3 and 1x1→1x7→7x1→3x3. */
    public static final class Mixed4a extends Branches {
        Mixed4a() {
            add("branch0", seq(c(64, 1, 1, 0), c(96, 3, 1, 0)));
            add("branch1", seq(c(64, 1, 1, 0), c(64, 1, 7), c(64, 7, 1), c(96, 3, 1, 0)));
            branch("branch0");
            branch("branch1");
        }
    }

    /** Stem: strided 3x3 and max pool. */
    public static final class Mixed5a extends Branches {
        Mixed5a() {
            add("conv", c(192, 3, 2, 0));
            add("maxpool", max3s2());
            branch("conv");
            branch("maxpool");
        }
    }

    /** 35x35 module (timm {@code InceptionA}). */
    public static final class A extends Branches {
        A() {
            add("branch0", c(96, 1, 1, 0));
            add("branch1", seq(c(64, 1, 1, 0), c(96, 3, 1, 1)));
            add("branch2", seq(c(64, 1, 1, 0), c(96, 3, 1, 1), c(96, 3, 1, 1)));
            add("branch3", seq(avgNoPad(), c(96, 1, 1, 0)));
            for (String b : List.of("branch0", "branch1", "branch2", "branch3")) {
                branch(b);
            }
        }

        @Override
        public String kind() {
            return "InceptionA(v4)";
        }
    }

    /** 35 → 17 reduction. */
    public static final class ReductionA extends Branches {
        ReductionA() {
            add("branch0", c(384, 3, 2, 0));
            add("branch1", seq(c(192, 1, 1, 0), c(224, 3, 1, 1), c(256, 3, 2, 0)));
            add("branch2", max3s2());
            branch("branch0");
            branch("branch1");
            branch("branch2");
        }
    }

    /** 17x17 module (timm {@code InceptionB}). */
    public static final class B extends Branches {
        B() {
            add("branch0", c(384, 1, 1, 0));
            add("branch1", seq(c(192, 1, 1, 0), c(224, 1, 7), c(256, 7, 1)));
            add(
                    "branch2",
                    seq(c(192, 1, 1, 0), c(192, 7, 1), c(224, 1, 7), c(224, 7, 1), c(256, 1, 7)));
            add("branch3", seq(avgNoPad(), c(128, 1, 1, 0)));
            for (String b : List.of("branch0", "branch1", "branch2", "branch3")) {
                branch(b);
            }
        }

        @Override
        public String kind() {
            return "InceptionB(v4)";
        }
    }

    /** 17 → 8 reduction. */
    public static final class ReductionB extends Branches {
        ReductionB() {
            add("branch0", seq(c(192, 1, 1, 0), c(192, 3, 2, 0)));
            add("branch1", seq(c(256, 1, 1, 0), c(256, 1, 7), c(320, 7, 1), c(320, 3, 2, 0)));
            add("branch2", max3s2());
            branch("branch0");
            branch("branch1");
            branch("branch2");
        }
    }

    /** 8x8 module with forked 1x3/3x1 branches (timm {@code InceptionC}). */
    public static final class C extends Branches {
        C() {
            add("branch0", c(256, 1, 1, 0));
            add("branch1_0", c(384, 1, 1, 0));
            add("branch1_1a", c(256, 1, 3));
            add("branch1_1b", c(256, 3, 1));
            add("branch2_0", c(384, 1, 1, 0));
            add("branch2_1", c(448, 3, 1));
            add("branch2_2", c(512, 1, 3));
            add("branch2_3a", c(256, 1, 3));
            add("branch2_3b", c(256, 3, 1));
            add("branch3", seq(avgNoPad(), c(256, 1, 1, 0)));
            branch("branch0");
            forkedBranch(List.of("branch1_0"), List.of("branch1_1a", "branch1_1b"));
            forkedBranch(
                    List.of("branch2_0", "branch2_1", "branch2_2"),
                    List.of("branch2_3a", "branch2_3b"));
            branch("branch3");
        }

        @Override
        public String kind() {
            return "InceptionC(v4)";
        }
    }
}

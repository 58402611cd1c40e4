package org.alphatree.blocks.inception;

import java.util.List;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.Pool2d;

/**
 * The modules of Inception v3 (torchvision's {@code InceptionA}..{@code InceptionE}, names equal to
 * its state_dict keys) and their FID variants (pytorch-fid's {@code FIDInceptionA}, {@code C},
 * {@code E_1}, {@code E_2}: the TF graph's average pools exclude padding, and Mixed_7c pools with a
 * max).
 *
 * <p>Szegedy, Vanhoucke, Ioffe, Shlens &amp; Wojna, "Rethinking the Inception Architecture for
 * Computer Vision", CVPR 2016.
 */
public final class InceptionV3Blocks {
    private InceptionV3Blocks() {}

    /** BN eps of every Inception v3 unit. */
    static final float EPS = 1e-3f;

    /** The unit of every Inception network (GoogLeNet, v3, v4, IRv2): conv, BN (eps 1e-3), ReLU. */
    static ConvNormAct conv(int out, int kh, int kw, int stride, int ph, int pw) {
        return ConvNormAct.builder()
                .setFilters(out)
                .setKernel(kh, kw)
                .optStride(stride)
                .optPadding(ph, pw)
                .optNorm(BatchNorm2d.factory(EPS, 0.1f))
                .build();
    }

    /** A square, size-keeping unit. */
    static ConvNormAct conv(int out, int k) {
        return conv(out, k, k, 1, k / 2, k / 2);
    }

    static ConvNormAct conv(int out, int k, int stride, int pad) {
        return conv(out, k, k, stride, pad, pad);
    }

    /** A 1xk or kx1 unit padded to keep the size. */
    static ConvNormAct conv(int out, int kh, int kw) {
        return conv(out, kh, kw, 1, kh / 2, kw / 2);
    }

    /** The pool of the pool branch: PyTorch's or the FID graph's. */
    enum PoolKind {
        /** {@code avg_pool2d(3, 1, 1)}, padding counted (torchvision). */
        AVG,
        /** {@code avg_pool2d(3, 1, 1, count_include_pad=False)} (FID). */
        AVG_NO_PAD,
        /** {@code max_pool2d(3, 1, 1)} (FID Mixed_7c). */
        MAX;

        Pool2d block() {
            return switch (this) {
                case AVG -> Pool2d.avg(3, 1, 1, false, true);
                case AVG_NO_PAD -> Pool2d.avg(3, 1, 1, false, false);
                case MAX -> Pool2d.max(3, 1, 1, false);
            };
        }
    }

    /** 35x35 module: 1x1, 5x5, double 3x3 and pool branches. */
    public static final class InceptionA extends Branches {
        private final int poolFeatures;

        /**
         * torchvision's {@code InceptionA(in, pool_features)}.
         *
         * @param poolFeatures channels of the pool branch
         */
        public InceptionA(int poolFeatures) {
            this(poolFeatures, PoolKind.AVG);
        }

        InceptionA(int poolFeatures, PoolKind pool) {
            this.poolFeatures = poolFeatures;
            add("branch1x1", conv(64, 1));
            add("branch5x5_1", conv(48, 1));
            add("branch5x5_2", conv(64, 5));
            add("branch3x3dbl_1", conv(64, 1));
            add("branch3x3dbl_2", conv(96, 3));
            add("branch3x3dbl_3", conv(96, 3));
            add("pool", pool.block());
            add("branch_pool", conv(poolFeatures, 1));
            branch("branch1x1");
            branch("branch5x5_1", "branch5x5_2");
            branch("branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3");
            branch("pool", "branch_pool");
        }

        /**
         * pytorch-fid's {@code FIDInceptionA}: the pool excludes padding.
         *
         * @param poolFeatures channels of the pool branch
         * @return the module
         */
        public static InceptionA fid(int poolFeatures) {
            return new InceptionA(poolFeatures, PoolKind.AVG_NO_PAD);
        }

        @Override
        public String kind() {
            return "InceptionA(pool " + poolFeatures + ")";
        }
    }

    /** Grid reduction 35 → 17: strided 3x3, strided double 3x3, max pool. */
    public static final class InceptionB extends Branches {
        /** torchvision's {@code InceptionB(in)}. */
        public InceptionB() {
            add("branch3x3", conv(384, 3, 2, 0));
            add("branch3x3dbl_1", conv(64, 1));
            add("branch3x3dbl_2", conv(96, 3));
            add("branch3x3dbl_3", conv(96, 3, 2, 0));
            add("pool", Pool2d.max(3, 2, 0, false));
            branch("branch3x3");
            branch("branch3x3dbl_1", "branch3x3dbl_2", "branch3x3dbl_3");
            branch("pool");
        }
    }

    /** 17x17 module with factorized 1x7/7x1 convolutions. */
    public static final class InceptionC extends Branches {
        private final int c7;

        /**
         * torchvision's {@code InceptionC(in, channels_7x7)}.
         *
         * @param c7 width of the 7x7 branches
         */
        public InceptionC(int c7) {
            this(c7, PoolKind.AVG);
        }

        InceptionC(int c7, PoolKind pool) {
            this.c7 = c7;
            add("branch1x1", conv(192, 1));
            add("branch7x7_1", conv(c7, 1));
            add("branch7x7_2", conv(c7, 1, 7));
            add("branch7x7_3", conv(192, 7, 1));
            add("branch7x7dbl_1", conv(c7, 1));
            add("branch7x7dbl_2", conv(c7, 7, 1));
            add("branch7x7dbl_3", conv(c7, 1, 7));
            add("branch7x7dbl_4", conv(c7, 7, 1));
            add("branch7x7dbl_5", conv(192, 1, 7));
            add("pool", pool.block());
            add("branch_pool", conv(192, 1));
            branch("branch1x1");
            branch("branch7x7_1", "branch7x7_2", "branch7x7_3");
            branch(
                    "branch7x7dbl_1",
                    "branch7x7dbl_2",
                    "branch7x7dbl_3",
                    "branch7x7dbl_4",
                    "branch7x7dbl_5");
            branch("pool", "branch_pool");
        }

        /**
         * pytorch-fid's {@code FIDInceptionC}: the pool excludes padding.
         *
         * @param c7 width of the 7x7 branches
         * @return the module
         */
        public static InceptionC fid(int c7) {
            return new InceptionC(c7, PoolKind.AVG_NO_PAD);
        }

        @Override
        public String kind() {
            return "InceptionC(c7 " + c7 + ")";
        }
    }

    /** Grid reduction 17 → 8. */
    public static final class InceptionD extends Branches {
        /** torchvision's {@code InceptionD(in)}. */
        public InceptionD() {
            add("branch3x3_1", conv(192, 1));
            add("branch3x3_2", conv(320, 3, 2, 0));
            add("branch7x7x3_1", conv(192, 1));
            add("branch7x7x3_2", conv(192, 1, 7));
            add("branch7x7x3_3", conv(192, 7, 1));
            add("branch7x7x3_4", conv(192, 3, 2, 0));
            add("pool", Pool2d.max(3, 2, 0, false));
            branch("branch3x3_1", "branch3x3_2");
            branch("branch7x7x3_1", "branch7x7x3_2", "branch7x7x3_3", "branch7x7x3_4");
            branch("pool");
        }
    }

    /** 8x8 module whose 3x3 branches fork into 1x3 and 3x1. */
    public static final class InceptionE extends Branches {
        private final PoolKind pool;

        /** torchvision's {@code InceptionE(in)}. */
        public InceptionE() {
            this(PoolKind.AVG);
        }

        InceptionE(PoolKind pool) {
            this.pool = pool;
            add("branch1x1", conv(320, 1));
            add("branch3x3_1", conv(384, 1));
            add("branch3x3_2a", conv(384, 1, 3));
            add("branch3x3_2b", conv(384, 3, 1));
            add("branch3x3dbl_1", conv(448, 1));
            add("branch3x3dbl_2", conv(384, 3));
            add("branch3x3dbl_3a", conv(384, 1, 3));
            add("branch3x3dbl_3b", conv(384, 3, 1));
            add("pool", pool.block());
            add("branch_pool", conv(192, 1));
            branch("branch1x1");
            forkedBranch(List.of("branch3x3_1"), List.of("branch3x3_2a", "branch3x3_2b"));
            forkedBranch(
                    List.of("branch3x3dbl_1", "branch3x3dbl_2"),
                    List.of("branch3x3dbl_3a", "branch3x3dbl_3b"));
            branch("pool", "branch_pool");
        }

        /**
         * pytorch-fid's {@code FIDInceptionE_1} (Mixed_7b): the average pool excludes padding.
         *
         * @return the module
         */
        public static InceptionE fid1() {
            return new InceptionE(PoolKind.AVG_NO_PAD);
        }

        /**
         * pytorch-fid's {@code FIDInceptionE_2} (Mixed_7c): a max pool, a bug in the TF graph that
         * FID keeps.
         *
         * @return the module
         */
        public static InceptionE fid2() {
            return new InceptionE(PoolKind.MAX);
        }

        @Override
        public String kind() {
            return "InceptionE"
                    + (pool == PoolKind.AVG
                            ? ""
                            : pool == PoolKind.MAX ? "(FID, max pool)" : "(FID)");
        }
    }
}

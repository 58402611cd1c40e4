package org.alphatree.blocks.gan.biggan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Set;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.SpecBlock;
import org.alphatree.blocks.gan.GanNetwork;
import org.alphatree.blocks.gan.conditional.ClassEmbedding;

/**
 * BigGAN's generator and discriminator (ajbrock/BigGAN-PyTorch {@code BigGAN.py}, the authors'
 * code), built from a {@link Spec}. Generator: the class label → {@code shared} embedding (not
 * spectrally normalized); hierarchical z split into (blocks + 1) chunks, the first through {@code
 * linear} to 16·ch × 4 × 4, each later chunk concatenated with the embedding as the conditioning of
 * one {@code blocks.i.0} ({@link GBlock}, 2× up), self-attention {@code blocks.i.1} ({@link
 * Attention}) at the configured resolutions, then {@code output_layer} = bn → ReLU → SN conv 3×3 →
 * tanh. Discriminator: {@code blocks.i.0} ({@link DBlock}, preactivation after the first) with
 * attention, ReLU and a global <em>sum</em> pool, then {@code linear} plus the projection {@code Σ
 * embed(y)·h} ({@code embed} a spectrally normalized embedding).
 *
 * <p>Brock, Donahue &amp; Simonyan, "Large Scale GAN Training for High Fidelity Natural Image
 * Synthesis", ICLR 2019; Miyato &amp; Koyama, "cGANs with Projection Discriminator", ICLR 2018.
 */
public final class BigGan {

    private BigGan() {}

    /**
     * A BigGAN configuration.
     *
     * @param resolution image side: 32, 64, 128 or 256 (512 for the generator)
     * @param gCh the generator's channel multiplier (96 in the 128-px launch script)
     * @param dCh the discriminator's channel multiplier (96)
     * @param dimZ the latent size (120); rounded down to a multiple of blocks + 1
     * @param sharedDim the shared class embedding's size (128)
     * @param classes classes (1000)
     * @param gAttention resolutions with attention in G ({64})
     * @param dAttention resolutions with attention in D ({64})
     * @param bnEps batch norm ε (1e-5)
     * @param snEps spectral norm ε (1e-6 in the launch scripts)
     */
    public record Spec(
            int resolution,
            int gCh,
            int dCh,
            int dimZ,
            int sharedDim,
            int classes,
            Set<Integer> gAttention,
            Set<Integer> dAttention,
            float bnEps,
            float snEps) {

        /** Validates the fields. */
        public Spec {
            if (resolution != 32
                    && resolution != 64
                    && resolution != 128
                    && resolution != 256
                    && resolution != 512) {
                throw new IllegalArgumentException(
                        "BigGAN resolution must be 32, 64, 128, 256 or 512, got " + resolution);
            }
            if (gCh < 1 || dCh < 1 || sharedDim < 1 || classes < 1) {
                throw new IllegalArgumentException(
                        "BigGAN spec: gCh, dCh, sharedDim and classes >= 1 expected, got " + this);
            }
            gAttention = Set.copyOf(gAttention);
            dAttention = Set.copyOf(dAttention);
            if (!(bnEps > 0) || !(snEps > 0)) {
                throw new IllegalArgumentException("BigGAN spec: eps values must be > 0");
            }
            if (dimZ < gOut().length + 1) {
                throw new IllegalArgumentException(
                        "BigGAN spec: dimZ must be at least blocks + 1 = "
                                + (gOut().length + 1)
                                + ", got "
                                + dimZ);
            }
        }

        /**
         * The 128-px ImageNet launch configuration ({@code launch_BigGAN_bs256x8.sh}): ch 96, z
         * 120, shared 128, 1000 classes, attention at 64, SN ε 1e-6.
         *
         * @return the spec
         */
        public static Spec launch128() {
            return new Spec(128, 96, 96, 120, 128, 1000, Set.of(64), Set.of(64), 1e-5f, 1e-6f);
        }

        /**
         * A tiny 32-px configuration (ch 4, z 20, shared 8, 10 classes, no attention; G 19,315 / D
         * 17,201 parameters).
         *
         * @param classes classes
         * @return the spec
         */
        public static Spec tiny(int classes) {
            return new Spec(32, 4, 4, 20, 8, classes, Set.of(), Set.of(), 1e-5f, 1e-6f);
        }

        private int[] gIn() {
            return switch (resolution) {
                case 32 -> new int[] {4, 4, 4};
                case 64 -> new int[] {16, 16, 8, 4};
                case 128 -> new int[] {16, 16, 8, 4, 2};
                case 256 -> new int[] {16, 16, 8, 8, 4, 2};
                default -> new int[] {16, 16, 8, 8, 4, 2, 1};
            };
        }

        private int[] gOut() {
            return switch (resolution) {
                case 32 -> new int[] {4, 4, 4};
                case 64 -> new int[] {16, 8, 4, 2};
                case 128 -> new int[] {16, 8, 4, 2, 1};
                case 256 -> new int[] {16, 8, 8, 4, 2, 1};
                default -> new int[] {16, 8, 8, 4, 2, 1, 1};
            };
        }

        /**
         * Returns the z chunk each block gets: dimZ / (blocks + 1).
         *
         * @return the chunk size
         */
        public int zChunk() {
            return dimZ / (gOut().length + 1);
        }

        /**
         * Returns the latent size the generator reads: the chunk times (blocks + 1).
         *
         * @return the effective dimZ
         */
        public int latent() {
            return zChunk() * (gOut().length + 1);
        }
    }

    /**
     * Builds the generator: (z (N, latent), labels (N)) → images (N, 3, R, R) in [−1, 1].
     *
     * @param spec the configuration
     * @return the generator
     */
    public static Generator generator(Spec spec) {
        return new Generator(spec);
    }

    /**
     * Builds the discriminator: (images (N, 3, R, R), labels (N)) → scores (N, 1).
     *
     * @param spec the configuration
     * @return the discriminator
     */
    public static Discriminator discriminator(Spec spec) {
        if (spec.resolution() == 512) {
            throw new IllegalArgumentException("BigGAN-PyTorch has no 512-px discriminator");
        }
        return new Discriminator(spec);
    }

    /** The generator. */
    public static final class Generator extends SpecBlock<Spec> implements GanNetwork {

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return Signature.generator(
                    new Shape(3, spec().resolution(), spec().resolution()),
                    spec().dimZ(),
                    spec().classes());
        }

        private final int blocks;

        private Generator(Spec spec) {
            super(spec);
            int[] in = spec.gIn();
            int[] out = spec.gOut();
            blocks = out.length;
            add("shared", new ClassEmbedding(spec.classes(), spec.sharedDim()));
            add("linear", SnLayer.linear(in[0] * spec.gCh() * 16, true, spec.snEps()));
            Group all = add("blocks", new Group("blocks"));
            for (int i = 0; i < blocks; i++) {
                Group g = all.put(Integer.toString(i), new Group(Integer.toString(i)));
                g.put(
                        "0",
                        new GBlock(
                                in[i] * spec.gCh(),
                                out[i] * spec.gCh(),
                                spec.sharedDim() + spec.zChunk(),
                                true,
                                spec.bnEps(),
                                spec.snEps()));
                if (spec.gAttention().contains(8 << i)) {
                    g.put("1", new Attention(out[i] * spec.gCh(), spec.snEps()));
                }
            }
            Group o = add("output_layer", new Group("output_layer"));
            o.put("0", BigGanBatchNorm.plain(out[blocks - 1] * spec.gCh(), spec.bnEps()));
            o.put("2", SnLayer.conv2d(3, 3, 1, true, spec.snEps()));
            describeAs("BigGAN-G(" + spec.resolution() + ")");
        }

        /** {@inheritDoc} */
        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            ClassEmbedding.checkLabelled(kind(), inputs, "z");
            NDArray z = inputs.get(0);
            if (z.getShape().dimension() != 2 || z.getShape().get(1) != spec().latent()) {
                throw new IllegalArgumentException(
                        kind() + ": expected z (N, " + spec().latent() + "), got " + z.getShape());
            }
            NDArray y = call("shared", ps, inputs.get(1), training);
            int c = spec().zChunk();
            NDArray h = call("linear", ps, z.get(":, 0:" + c), training);
            h = h.reshape(h.getShape().get(0), -1, 4, 4);
            Group all = (Group) child("blocks");
            for (int i = 0; i < blocks; i++) {
                NDArray yi =
                        NDArrays.concat(
                                new NDList(y, z.get(":, " + (c * (i + 1)) + ":" + (c * (i + 2)))),
                                1);
                h = callPath("blocks." + i + ".0", ps, new NDList(h, yi), training).head();
                if (((Group) all.child(Integer.toString(i))).hasChild("1")) {
                    h = callPath("blocks." + i + ".1", ps, h, training);
                }
            }
            h = Activation.relu(callPath("output_layer.0", ps, h, training));
            return new NDList(callPath("output_layer.2", ps, h, training).tanh());
        }
    }

    /** The discriminator. */
    public static final class Discriminator extends SpecBlock<Spec> implements GanNetwork {

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return Signature.discriminator(
                    new Shape(3, spec().resolution(), spec().resolution()), spec().classes());
        }

        private final int blocks;

        private Discriminator(Spec spec) {
            super(spec);
            int r = spec.resolution();
            int[] in;
            int[] out;
            int[] res;
            switch (r) {
                case 32 -> {
                    in = new int[] {0, 4, 4, 4};
                    out = new int[] {4, 4, 4, 4};
                    res = new int[] {16, 16, 16, 16};
                }
                case 64 -> {
                    in = new int[] {0, 1, 2, 4, 8};
                    out = new int[] {1, 2, 4, 8, 16};
                    res = new int[] {32, 16, 8, 4, 4};
                }
                case 128 -> {
                    in = new int[] {0, 1, 2, 4, 8, 16};
                    out = new int[] {1, 2, 4, 8, 16, 16};
                    res = new int[] {64, 32, 16, 8, 4, 4};
                }
                default -> {
                    in = new int[] {0, 1, 2, 4, 8, 8, 16};
                    out = new int[] {1, 2, 4, 8, 8, 16, 16};
                    res = new int[] {128, 64, 32, 16, 8, 4, 4};
                }
            }
            blocks = out.length;
            Group all = add("blocks", new Group("blocks"));
            for (int i = 0; i < blocks; i++) {
                int down = r == 32 ? (i < 2 ? 1 : 0) : (i < blocks - 1 ? 1 : 0);
                Group g = all.put(Integer.toString(i), new Group(Integer.toString(i)));
                g.put(
                        "0",
                        new DBlock(
                                i == 0 ? 3 : in[i] * spec.dCh(),
                                out[i] * spec.dCh(),
                                i > 0,
                                down == 1,
                                spec.snEps()));
                if (spec.dAttention().contains(res[i])) {
                    g.put("1", new Attention(out[i] * spec.dCh(), spec.snEps()));
                }
            }
            int c = out[blocks - 1] * spec.dCh();
            add("linear", SnLayer.linear(1, true, spec.snEps()));
            add("embed", SnLayer.embedding(spec.classes(), c, spec.snEps()));
            describeAs("BigGAN-D(" + r + ")");
        }

        /** {@inheritDoc} */
        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            ClassEmbedding.checkLabelled(kind(), inputs, "images");
            NDArray x = inputs.get(0);
            long side = spec().resolution();
            requireImages(x, 3, side);
            NDArray h = x;
            Group all = (Group) child("blocks");
            for (int i = 0; i < blocks; i++) {
                h = callPath("blocks." + i + ".0", ps, h, training);
                if (((Group) all.child(Integer.toString(i))).hasChild("1")) {
                    h = callPath("blocks." + i + ".1", ps, h, training);
                }
            }
            long n = h.getShape().get(0);
            h = Activation.relu(h).reshape(n, h.getShape().get(1), -1).sum(new int[] {2});
            NDArray score = call("linear", ps, h, training);
            NDArray e = call("embed", ps, inputs.get(1), training);
            return new NDList(score.add(e.mul(h).sum(new int[] {1}, true)));
        }
    }

    /** A named group of blocks that its network runs by path (a {@code ModuleList}). */
    private static final class Group extends AlphaBlock {
        Group(String name) {
            describeAs(name);
        }

        <B extends ai.djl.nn.Block> B put(String name, B b) {
            return add(name, b);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            throw new UnsupportedOperationException(kind() + " is run by its BigGAN network");
        }
    }
}

package org.alphatree.blocks.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Scalars;
import org.alphatree.blocks.core.SpecBlock;
import org.alphatree.blocks.gan.GanNetwork;

/**
 * ProGAN's generator and discriminator (the paper's {@code G_paper} / {@code D_paper}), built from
 * a {@link Spec}, with a settable level of detail for progressive growing.
 *
 * <p>Generator: the latent (and labels) pixel-normalized → {@code 4x4.Dense} (equalized, gain √2/4,
 * reshaped to nf(1)×4×4, bias per channel) → leaky ReLU 0.2 → pixel norm → {@code 4x4.Conv} 3×3;
 * then per resolution r = 8 … R a block {@code rxr} of {@code Conv0_up} (a fused nearest-2×
 * up-convolution; {@code Conv0} after a separate upsampling with {@link Spec#fused} false) and
 * {@code Conv1}, each followed by leaky ReLU and pixel norm; a 1×1 {@code ToRGB_lod<k>} (gain 1)
 * per resolution, k = log2(R) − log2(r). Discriminator: the mirror, {@code FromRGB_lod<k>} (1×1 +
 * leaky ReLU) per resolution, blocks {@code rxr} of {@code Conv0} and {@code Conv1_down}, then
 * {@code 4x4}: minibatch stddev (group 4) → {@code Conv} 3×3 → {@code Dense0} → {@code Dense1} (1 +
 * label logits, gain 1). Feature maps nf(s) = min(fmapBase / 2^s, fmapMax). Every layer has an
 * equalized learning rate ({@link EqualizedConv2d}, {@link EqualizedLinear}).
 *
 * <p>Level of detail ({@link Progressive#setLod}): 0 uses the full resolution; at lod = k + t (0
 * &lt; t &lt; 1) the output of resolution R/2^k is faded with the upsampled (G) or downsampled (D)
 * one of the next lower resolution as {@code a + (b − a)·clip(lod − k, 0, 1)} (TF's {@code
 * lerp_clip}, the "linear" structure); resolutions that a level hides entirely are not computed.
 *
 * <p>Karras, Aila, Laine &amp; Lehtinen, "Progressive Growing of GANs for Improved Quality,
 * Stability, and Variation", ICLR 2018; tkarras/progressive_growing_of_gans {@code networks.py}.
 */
public final class ProGan {

    private ProGan() {}

    /**
     * A ProGAN configuration.
     *
     * @param resolution output/input side, a power of two ≥ 4 (1024 in the paper)
     * @param channels image channels (3)
     * @param labelSize label dimensions (0: unconditional)
     * @param fmapBase feature-map base (8192)
     * @param fmapMax most feature maps (512)
     * @param latentSize latent size (0: nf(0))
     * @param fused fused up/down-convolutions (TF's default, true)
     * @param mbstdGroup minibatch-stddev group size (4; 0 or 1 disables)
     */
    public record Spec(
            int resolution,
            int channels,
            int labelSize,
            int fmapBase,
            int fmapMax,
            int latentSize,
            boolean fused,
            int mbstdGroup) {

        /** Validates the fields. */
        public Spec {
            if (resolution < 4 || Integer.bitCount(resolution) != 1) {
                throw new IllegalArgumentException(
                        "ProGAN resolution must be a power of two >= 4, got " + resolution);
            }
            if (channels < 1 || labelSize < 0 || fmapBase < 1 || fmapMax < 1 || latentSize < 0) {
                throw new IllegalArgumentException(
                        "ProGAN spec: channels >= 1, labelSize >= 0, fmapBase >= 1, fmapMax >= 1"
                                + " and latentSize >= 0 expected, got "
                                + this);
            }
            if (mbstdGroup < 0) {
                throw new IllegalArgumentException(
                        "ProGAN spec: mbstdGroup must be >= 0, got " + mbstdGroup);
            }
        }

        /**
         * The paper's configuration at a resolution (fmap base 8192, max 512, latent 512, fused,
         * minibatch-stddev group 4, 3 channels, no labels).
         *
         * @param resolution the side
         * @return the spec
         */
        public static Spec paper(int resolution) {
            return new Spec(resolution, 3, 0, 8192, 512, 0, true, 4);
        }

        /**
         * Feature maps at a stage: {@code min(fmapBase / 2^stage, fmapMax)}.
         *
         * @param stage the stage
         * @return the feature maps
         */
        public int nf(int stage) {
            return Math.min((int) (fmapBase / Math.pow(2, stage)), fmapMax);
        }

        /**
         * Returns the latent size (nf(0) when 0 was given).
         *
         * @return the latent size
         */
        public int latent() {
            return latentSize == 0 ? nf(0) : latentSize;
        }

        /**
         * Returns log2 of the resolution.
         *
         * @return log2(resolution)
         */
        public int log2() {
            return Integer.numberOfTrailingZeros(resolution);
        }
    }

    /**
     * Builds the generator: (N, latent + labels) → (N, channels, R, R).
     *
     * @param spec the configuration
     * @return the generator, at lod 0
     */
    public static Progressive generator(Spec spec) {
        return new Generator(spec);
    }

    /**
     * Builds the discriminator: (N, channels, R, R) → (N, 1 + labels) (the score first).
     *
     * @param spec the configuration
     * @return the discriminator, at lod 0
     */
    public static Progressive discriminator(Spec spec) {
        return new Discriminator(spec);
    }

    /** A generator or discriminator with a level of detail. */
    public abstract static class Progressive extends SpecBlock<Spec> implements GanNetwork {
        private float lod;

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            Shape image = new Shape(spec().channels(), spec().resolution(), spec().resolution());
            // the labels are part of the latents (G: latentSize + labelSize) and the scores (D)
            return this instanceof Generator
                    ? Signature.generator(image, spec().latent() + spec().labelSize(), 0)
                    : Signature.discriminator(image, 0);
        }

        Progressive(Spec spec) {
            super(spec);
        }

        /**
         * Returns the level of detail.
         *
         * @return lod, 0 = full resolution
         */
        public float lod() {
            return lod;
        }

        /**
         * Sets the level of detail: 0 is the full resolution, {@code log2(R) − 2} is 4×4 only, and
         * fractions fade between two resolutions.
         *
         * @param lod in [0, log2(R) − 2]
         */
        public void setLod(float lod) {
            float max = spec().log2() - 2;
            if (!(lod >= 0 && lod <= max)) {
                throw new IllegalArgumentException(
                        "ProGAN lod must be in [0, " + max + "], got " + lod);
            }
            this.lod = lod;
        }

        /** The fade weight of resolution 2^res's lower neighbour: clip(lod − (log2 R − res)). */
        float fade(int res) {
            return Math.max(0f, Math.min(1f, lod - (spec().log2() - res)));
        }

        static String res(int res) {
            return (1 << res) + "x" + (1 << res);
        }

        static NDArray lrelu(NDArray x) {
            return ai.djl.nn.Activation.leakyRelu(x, 0.2f);
        }

        static NDArray lerp(NDArray a, NDArray b, float t) {
            return a.add(Scalars.mul(b.sub(a), t));
        }
    }

    private static EqualizedConv2d conv(
            int filters, int kernel, float gain, EqualizedConv2d.Resample r) {
        return EqualizedConv2d.builder()
                .setFilters(filters)
                .setKernel(kernel)
                .optGain(gain)
                .optResample(r)
                .build();
    }

    private static final float SQRT2 = (float) Math.sqrt(2);

    /** Nearest-neighbour upsampling by 2^k (TF's tile). */
    static NDArray upscale(NDArray x, int factor) {
        if (factor == 1) {
            return x;
        }
        return x.repeat(2, factor).repeat(3, factor);
    }

    /** 2×2 box-filter downsampling. */
    static NDArray downscale(NDArray x) {
        long[] s = x.getShape().getShape();
        NDArray y = x.reshape(s[0], s[1], s[2] / 2, 2, s[3] / 2, 2);
        return y.mean(new int[] {5}).mean(new int[] {3});
    }

    private static final class Generator extends Progressive {

        Generator(Spec spec) {
            super(spec);
            int log2 = spec.log2();
            Stage first = new Stage("4x4");
            first.addStage(
                    "Dense",
                    EqualizedLinear.builder()
                            .setUnits(spec.nf(1) * 16)
                            .optGain(SQRT2 / 4)
                            .optOutputShape(spec.nf(1), 4, 4)
                            .build());
            first.addStage("Conv", conv(spec.nf(1), 3, SQRT2, EqualizedConv2d.Resample.NONE));
            add("4x4", first);
            for (int r = 3; r <= log2; r++) {
                Stage b = new Stage(res(r));
                if (spec.fused()) {
                    b.addStage(
                            "Conv0_up",
                            conv(spec.nf(r - 1), 3, SQRT2, EqualizedConv2d.Resample.UP));
                } else {
                    b.addStage(
                            "Conv0", conv(spec.nf(r - 1), 3, SQRT2, EqualizedConv2d.Resample.NONE));
                }
                b.addStage("Conv1", conv(spec.nf(r - 1), 3, SQRT2, EqualizedConv2d.Resample.NONE));
                add(res(r), b);
            }
            for (int r = 2; r <= log2; r++) {
                add(
                        "ToRGB_lod" + (log2 - r),
                        conv(spec.channels(), 1, 1f, EqualizedConv2d.Resample.NONE));
            }
            describeAs("ProGAN-G(" + spec.resolution() + ")");
        }

        private NDArray block(ParameterStore ps, NDArray x, int r, boolean training) {
            Stage b = (Stage) child(res(r));
            if (r == 2) {
                x = PixelNorm.pixelNorm(x);
                x = PixelNorm.pixelNorm(lrelu(b.run("Dense", ps, x, training)));
                return PixelNorm.pixelNorm(lrelu(b.run("Conv", ps, x, training)));
            }
            if (spec().fused()) {
                x = PixelNorm.pixelNorm(lrelu(b.run("Conv0_up", ps, x, training)));
            } else {
                x = PixelNorm.pixelNorm(lrelu(b.run("Conv0", ps, upscale(x, 2), training)));
            }
            return PixelNorm.pixelNorm(lrelu(b.run("Conv1", ps, x, training)));
        }

        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray z, boolean training) {
            long want = spec().latent() + (long) spec().labelSize();
            if (z.getShape().dimension() != 2 || z.getShape().get(1) != want) {
                throw new IllegalArgumentException(
                        kind()
                                + ": expected (N, "
                                + want
                                + ") latents + labels, got "
                                + z.getShape());
            }
            int log2 = spec().log2();
            NDArray x = block(ps, z, 2, training);
            NDArray images = call("ToRGB_lod" + (log2 - 2), ps, x, training);
            int pending = 1; // images is at 1/pending of the current resolution
            for (int r = 3; r <= log2; r++) {
                float t = fade(r);
                if (t >= 1f && !initializing()) { // this and every higher resolution are hidden
                    pending <<= 1;
                    continue;
                }
                x = block(ps, x, r, training);
                NDArray img = call("ToRGB_lod" + (log2 - r), ps, x, training);
                NDArray up = upscale(images, pending << 1);
                pending = 1;
                images = t <= 0f ? img : lerp(img, up, t);
            }
            return upscale(images, pending);
        }
    }

    private static final class Discriminator extends Progressive {

        Discriminator(Spec spec) {
            super(spec);
            int log2 = spec.log2();
            for (int r = log2; r >= 2; r--) {
                add(
                        "FromRGB_lod" + (log2 - r),
                        conv(spec.nf(r - 1), 1, SQRT2, EqualizedConv2d.Resample.NONE));
            }
            for (int r = log2; r >= 3; r--) {
                Stage b = new Stage(res(r));
                b.addStage("Conv0", conv(spec.nf(r - 1), 3, SQRT2, EqualizedConv2d.Resample.NONE));
                if (spec.fused()) {
                    b.addStage(
                            "Conv1_down",
                            conv(spec.nf(r - 2), 3, SQRT2, EqualizedConv2d.Resample.DOWN));
                } else {
                    b.addStage(
                            "Conv1", conv(spec.nf(r - 2), 3, SQRT2, EqualizedConv2d.Resample.NONE));
                }
                add(res(r), b);
            }
            Stage last = new Stage("4x4");
            if (spec.mbstdGroup() > 1) {
                last.addStage("MinibatchStddev", new MinibatchStdDev(spec.mbstdGroup()));
            }
            last.addStage("Conv", conv(spec.nf(1), 3, SQRT2, EqualizedConv2d.Resample.NONE));
            last.addStage("Dense0", EqualizedLinear.builder().setUnits(spec.nf(0)).build());
            last.addStage(
                    "Dense1",
                    EqualizedLinear.builder().setUnits(1 + spec.labelSize()).optGain(1f).build());
            add("4x4", last);
            describeAs("ProGAN-D(" + spec.resolution() + ")");
        }

        private NDArray fromRgb(ParameterStore ps, NDArray img, int r, boolean training) {
            return lrelu(call("FromRGB_lod" + (spec().log2() - r), ps, img, training));
        }

        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray img, boolean training) {
            int log2 = spec().log2();
            long side = spec().resolution();
            requireImages(img, spec().channels(), side);
            boolean all = initializing();
            NDArray x = fade(log2) < 1f || all ? fromRgb(ps, img, log2, training) : null;
            for (int r = log2; r >= 3; r--) {
                float t = fade(r);
                img = downscale(img);
                if (t >= 1f && !all) {
                    x = fromRgb(ps, img, r - 1, training);
                    continue;
                }
                Stage b = (Stage) child(res(r));
                NDArray h = lrelu(b.run("Conv0", ps, x, training));
                h =
                        spec().fused()
                                ? lrelu(b.run("Conv1_down", ps, h, training))
                                : downscale(lrelu(b.run("Conv1", ps, h, training)));
                x = t <= 0f && !all ? h : lerp(h, fromRgb(ps, img, r - 1, training), t);
            }
            Stage b = (Stage) child("4x4");
            if (b.hasChild("MinibatchStddev")) {
                x = b.run("MinibatchStddev", ps, x, training);
            }
            x = lrelu(b.run("Conv", ps, x, training));
            x = lrelu(b.run("Dense0", ps, x, training));
            return b.run("Dense1", ps, x, training);
        }
    }

    /** A named group of layers whose order the enclosing network runs (a TF variable scope). */
    private static final class Stage extends AlphaBlock {
        Stage(String name) {
            describeAs(name);
        }

        void addStage(String name, ai.djl.nn.Block b) {
            add(name, b);
        }

        NDArray run(String name, ParameterStore ps, NDArray x, boolean training) {
            return call(name, ps, x, training);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            throw new UnsupportedOperationException(
                    kind() + " is run layer by layer by its ProGAN network");
        }
    }
}

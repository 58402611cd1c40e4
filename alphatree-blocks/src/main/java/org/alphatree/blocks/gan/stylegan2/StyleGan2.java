package org.alphatree.blocks.gan.stylegan2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.SpecBlock;
import org.alphatree.blocks.gan.GanNetwork;

/**
 * StyleGAN2 (config F): a mapping network z → w, a skip synthesis network with modulated,
 * demodulated convolutions, per-layer noise and a learned constant input, and a residual
 * discriminator with a minibatch-stddev epilogue — equal to NVlabs/stylegan2-ada-pytorch's {@code
 * Generator} / {@code Discriminator} (unconditional, float32), built from a {@link Spec}.
 *
 * <p>Names follow the reference's state_dict: {@code mapping.fc0.weight}, {@code mapping.w_avg},
 * {@code synthesis.b4.const}, {@code synthesis.b8.conv0.affine.weight}, {@code
 * synthesis.b8.torgb.weight}; D {@code b16.fromrgb.weight}, {@code b8.skip.weight}, {@code
 * b4.fc.weight}. The reference's FIR {@code resample_filter} buffers are constants here, not
 * parameters. Training-time parts (style mixing, path length, lazy R1) live with the losses.
 *
 * <p>Karras, Laine, Aittala, Hellsten, Lehtinen &amp; Aila, "Analyzing and Improving the Image
 * Quality of StyleGAN", CVPR 2020; NVlabs/stylegan2-ada-pytorch {@code training/networks.py}.
 */
public final class StyleGan2 {

    private StyleGan2() {}

    /**
     * A StyleGAN2 configuration.
     *
     * @param zDim latent size (512)
     * @param wDim w size (512)
     * @param resolution image side, a power of two ≥ 4
     * @param imgChannels image channels (3)
     * @param mappingLayers mapping layers (8)
     * @param channelBase channels at resolution r are min(channelBase / r, channelMax) (32768)
     * @param channelMax most channels (512)
     * @param mbstdGroup the discriminator's minibatch-stddev group (4; 0 disables the layer)
     * @param convClamp clamp of every convolution's output (negative: none; the reference's
     *     training script sets 256 for mixed precision)
     */
    public record Spec(
            int zDim,
            int wDim,
            int resolution,
            int imgChannels,
            int mappingLayers,
            int channelBase,
            int channelMax,
            int mbstdGroup,
            float convClamp) {

        /** The mapping layers' learning-rate multiplier. */
        public static final float MAPPING_LR_MULTIPLIER = 0.01f;

        /** The decay of the tracked w average. */
        public static final float W_AVG_BETA = 0.995f;

        /** Validates the fields. */
        public Spec {
            if (resolution < 4 || Integer.bitCount(resolution) != 1) {
                throw new IllegalArgumentException(
                        "StyleGAN2 resolution must be a power of two >= 4, got " + resolution);
            }
            if (zDim < 1 || wDim < 1 || imgChannels < 1 || mappingLayers < 1) {
                throw new IllegalArgumentException(
                        "StyleGAN2 spec: zDim, wDim, imgChannels and mappingLayers >= 1 expected,"
                                + " got "
                                + this);
            }
            if (channelBase < resolution || channelMax < 1 || mbstdGroup < 0) {
                throw new IllegalArgumentException(
                        "StyleGAN2 spec: channelBase >= resolution, channelMax >= 1 and"
                                + " mbstdGroup >= 0 expected, got "
                                + this);
            }
            if (Float.isNaN(convClamp)) {
                throw new IllegalArgumentException("StyleGAN2 spec: convClamp is NaN");
            }
        }

        /**
         * The paper's config F at a resolution (z = w = 512, mapping 8, channel base 32768, max
         * 512, mbstd group 4, no clamp).
         *
         * @param resolution the side
         * @return the spec
         */
        public static Spec configF(int resolution) {
            return new Spec(512, 512, resolution, 3, 8, 32768, 512, 4, -1f);
        }

        /**
         * A tiny configuration for tests and CPU runs: z = w = 32, mapping 2, channel base 256, max
         * 32 (G 44,958 / D 53,041 parameters at 16 px).
         *
         * @param resolution the side
         * @return the spec
         */
        public static Spec tiny(int resolution) {
            return new Spec(32, 32, resolution, 3, 2, 256, 32, 4, -1f);
        }

        /**
         * Channels at a resolution.
         *
         * @param r the resolution
         * @return min(channelBase / r, channelMax)
         */
        public int channels(int r) {
            return Math.min(channelBase / r, channelMax);
        }
    }

    /**
     * Builds the generator: z (N, zDim) → images (N, C, R, R).
     *
     * @param spec the configuration
     * @return the generator
     */
    public static Generator generator(Spec spec) {
        return new Generator(spec);
    }

    /**
     * Builds the discriminator: images (N, C, R, R) → scores (N, 1).
     *
     * @param spec the configuration
     * @return the discriminator
     */
    public static Discriminator discriminator(Spec spec) {
        return new Discriminator(spec);
    }

    /** One image of {@code spec}, (C, R, R). */
    private static Shape image(Spec spec) {
        return new Shape(spec.imgChannels(), spec.resolution(), spec.resolution());
    }

    /** The generator: {@code mapping} then {@code synthesis}. */
    public static final class Generator extends SpecBlock<Spec> implements GanNetwork {

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return Signature.generator(image(spec()), spec().zDim(), 0);
        }

        private Generator(Spec spec) {
            super(spec);
            SynthesisNetwork synthesis = add("synthesis", new SynthesisNetwork(spec));
            add(
                    "mapping",
                    new MappingNetwork(
                            spec.zDim(),
                            spec.wDim(),
                            synthesis.numWs(),
                            spec.mappingLayers(),
                            Spec.MAPPING_LR_MULTIPLIER,
                            Spec.W_AVG_BETA));
            describeAs("StyleGAN2-G(" + spec.resolution() + ")");
        }

        /**
         * Returns the mapping network.
         *
         * @return the mapping network
         */
        public MappingNetwork mapping() {
            return (MappingNetwork) child("mapping");
        }

        /**
         * Returns the synthesis network.
         *
         * @return the synthesis network
         */
        public SynthesisNetwork synthesis() {
            return (SynthesisNetwork) child("synthesis");
        }

        /**
         * Returns the number of ws.
         *
         * @return num_ws (18 at 1024 px)
         */
        public int numWs() {
            return synthesis().numWs();
        }

        /**
         * Sets the truncation ψ (1: none; the paper shows 0.5–0.7) for the first {@code cutoff} ws
         * (0: all).
         *
         * @param psi ψ
         * @param cutoff ws to truncate, 0 = all
         */
        public void setTruncation(float psi, int cutoff) {
            mapping().setTruncation(psi, cutoff);
        }

        /**
         * Sets every synthesis layer's noise source.
         *
         * @param mode the mode
         */
        public void setNoiseMode(NoiseMode mode) {
            setNoise(synthesis(), mode);
        }

        private static void setNoise(Block b, NoiseMode mode) {
            if (b instanceof SynthesisLayer l) {
                l.setNoiseMode(mode);
            }
            for (Block c : b.getChildren().values()) {
                setNoise(c, mode);
            }
        }

        /**
         * Synthesizes images from ws (style mixing swaps some of them first).
         *
         * @param ps the parameter store
         * @param ws (N, num_ws, wDim)
         * @param training training mode
         * @return (N, C, R, R)
         */
        public NDArray synthesize(ParameterStore ps, NDArray ws, boolean training) {
            return call("synthesis", ps, ws, training);
        }

        /** {@inheritDoc} */
        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray ws = call("mapping", ps, inputs.singletonOrThrow(), training);
            return new NDList(call("synthesis", ps, ws, training));
        }
    }

    /** The residual discriminator: {@code b<R> … b8}, then the epilogue {@code b4}. */
    public static final class Discriminator extends SpecBlock<Spec> implements GanNetwork {

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return Signature.discriminator(image(spec()), 0);
        }

        private Discriminator(Spec spec) {
            super(spec);
            for (int r = spec.resolution(); r >= 8; r /= 2) {
                int tmp = spec.channels(r);
                add(
                        "b" + r,
                        new DiscriminatorBlock(
                                r == spec.resolution() ? 0 : tmp,
                                tmp,
                                spec.channels(r / 2),
                                spec.imgChannels(),
                                spec.convClamp()));
            }
            add(
                    "b4",
                    new DiscriminatorEpilogue(
                            spec.channels(4), 4, spec.mbstdGroup(), spec.convClamp()));
            describeAs("StyleGAN2-D(" + spec.resolution() + ")");
        }

        /** {@inheritDoc} */
        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
            long side = spec().resolution();
            requireImages(x, spec().imgChannels(), side);
            for (int r = spec().resolution(); r >= 8; r /= 2) {
                x = call("b" + r, ps, x, training);
            }
            return call("b4", ps, x, training);
        }
    }
}

package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * InfoGAN (Chen, Duan, Houthooft, Schulman, Sutskever &amp; Abbeel, "InfoGAN: Interpretable
 * Representation Learning by Information Maximizing Generative Adversarial Nets", NeurIPS 2016) as
 * eriklindernoren/PyTorch-GAN's {@code infogan.py}: the generator's input is the concatenation
 * (noise, one-hot categorical code, continuous codes) through {@code l1} and {@code conv_blocks}
 * (as ACGAN's); the discriminator's trunk {@code conv_blocks} is shared by the adversarial head
 * {@code adv_layer} and the Q heads {@code aux_layer} (categorical logits) and {@code latent_layer}
 * (the continuous codes' means). Outputs of the discriminator: (adv (N, 1), category logits (N, K),
 * codes (N, C)). The mutual-information term is {@code InfoGanLoss}.
 */
public final class InfoGan {
    private InfoGan() {}

    /**
     * An InfoGAN configuration.
     *
     * @param noise noise size (62)
     * @param classes K, the categorical code's categories (10)
     * @param codes continuous codes (2)
     * @param channels image channels
     * @param size image side, a multiple of 16
     * @param generatorChannels the generator's two widths (128, 64)
     * @param discriminatorWidths the four trunk widths (16, 32, 64, 128)
     * @param dropout the trunk's Dropout2d (0.25)
     */
    public record Spec(
            int noise,
            int classes,
            int codes,
            int channels,
            int size,
            int[] generatorChannels,
            int[] discriminatorWidths,
            float dropout) {

        /** Validates the fields. */
        public Spec {
            if (noise < 0
                    || classes < 1
                    || codes < 0
                    || channels < 1
                    || size < 16
                    || size % 16 != 0) {
                throw new IllegalArgumentException(
                        "InfoGAN: noise, codes >= 0, classes, channels >= 1 and a size that is a"
                                + " multiple of 16 expected");
            }
            GanParts.checkWidths("InfoGAN generator", generatorChannels, 2);
            GanParts.checkWidths("InfoGAN discriminator", discriminatorWidths, 4);
            generatorChannels = generatorChannels.clone();
            discriminatorWidths = discriminatorWidths.clone();
        }

        /**
         * eriklindernoren's configuration: noise 62, 10 categories, 2 codes.
         *
         * @param channels image channels
         * @param size image side
         * @return the spec
         */
        public static Spec reference(int channels, int size) {
            return new Spec(
                    62,
                    10,
                    2,
                    channels,
                    size,
                    new int[] {128, 64},
                    new int[] {16, 32, 64, 128},
                    0.25f);
        }

        /**
         * The generator's input size: noise + classes + codes.
         *
         * @return the latent size
         */
        public int latent() {
            return noise + classes + codes;
        }
    }

    /**
     * The generator: the concatenated latent (N, noise + K + C) → (N, channels, S, S).
     *
     * @param spec the configuration
     * @return the generator
     */
    public static AlphaBlock generator(Spec spec) {
        return new Generator(spec);
    }

    /**
     * The discriminator with its Q heads: x → (adv (N, 1), category logits (N, K), codes (N, C)).
     *
     * @param spec the configuration
     * @return the discriminator
     */
    public static AlphaBlock discriminator(Spec spec) {
        return TrunkHeads.convTrunk(
                "InfoGAN-D",
                spec.channels(),
                spec.size(),
                spec.discriminatorWidths(),
                spec.dropout(),
                new String[] {"adv_layer", "aux_layer", "latent_layer"},
                1,
                spec.classes(),
                spec.codes());
    }

    /**
     * The generator's input for given codes: N(0, 1) noise (as eriklindernoren; the original
     * InfoGAN draws U(−1, 1)), the one-hot category, the continuous codes.
     *
     * @param m the manager
     * @param spec the configuration
     * @param categories (N) category indices
     * @param codes (N, C) continuous codes (U(−1, 1) in training)
     * @return (N, noise + K + C)
     */
    public static NDArray latent(NDManager m, Spec spec, NDArray categories, NDArray codes) {
        NDArray y = ClassEmbedding.checkLabels(categories, spec.classes());
        long n = y.getShape().get(0);
        NDArray noise = m.randomNormal(0, 1, new Shape(n, spec.noise()), DataType.FLOAT32);
        NDArray oneHot = y.oneHot(spec.classes()).toType(DataType.FLOAT32, false);
        if (!codes.getShape().equals(new Shape(n, spec.codes()))) {
            throw new IllegalArgumentException(
                    "InfoGAN codes must be ("
                            + n
                            + ", "
                            + spec.codes()
                            + "), got "
                            + codes.getShape());
        }
        return NDArrays.concat(new NDList(noise, oneHot, codes.toType(DataType.FLOAT32, false)), 1);
    }

    private static final class Generator extends UpsamplingGenerator {
        private final Spec spec;

        Generator(Spec spec) {
            super(spec.generatorChannels(), spec.channels(), spec.size(), spec.latent(), 0);
            this.spec = spec;
            describeAs("InfoGAN-G");
        }

        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray z, boolean training) {
            if (z.getShape().dimension() != 2 || z.getShape().get(1) != spec.latent()) {
                throw new IllegalArgumentException(
                        kind() + ": expected (N, " + spec.latent() + "), got " + z.getShape());
            }
            return project(ps, z, training);
        }
    }
}

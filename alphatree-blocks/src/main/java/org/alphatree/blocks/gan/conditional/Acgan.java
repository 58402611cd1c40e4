package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * The auxiliary-classifier GAN (Odena, Olah &amp; Shlens, "Conditional Image Synthesis with
 * Auxiliary Classifier GANs", ICML 2017) as eriklindernoren/PyTorch-GAN's {@code acgan.py}: the
 * generator multiplies the noise by a label embedding (K → latent), {@code l1} maps it to
 * c0×(S/4)², and {@code conv_blocks} upsample twice to a tanh image; the discriminator's {@code
 * conv_blocks} (four stride-2 conv3 + LeakyReLU + Dropout2d, BN eps 0.8 after the first) feed two
 * heads, {@code adv_layer} (1 logit) and {@code aux_layer} (K class logits). The reference's
 * Sigmoid and its Softmax before CrossEntropyLoss (a double softmax) are left out: the heads return
 * logits, for {@code AuxiliaryClassifierLoss}. Outputs of the discriminator: (adv (N, 1), aux (N,
 * K)).
 */
public final class Acgan {
    private Acgan() {}

    /**
     * An ACGAN configuration.
     *
     * @param classes K
     * @param latent noise size (100)
     * @param channels image channels
     * @param size image side, a multiple of 16
     * @param generatorChannels the generator's two widths (128, 64)
     * @param discriminatorWidths the four trunk widths (16, 32, 64, 128)
     * @param dropout the trunk's Dropout2d (0.25)
     */
    public record Spec(
            int classes,
            int latent,
            int channels,
            int size,
            int[] generatorChannels,
            int[] discriminatorWidths,
            float dropout) {

        /** Validates the fields. */
        public Spec {
            if (classes < 1 || latent < 1 || channels < 1 || size < 16 || size % 16 != 0) {
                throw new IllegalArgumentException(
                        "ACGAN: classes, latent, channels >= 1 and a size that is a multiple of 16"
                                + " expected, got size "
                                + size);
            }
            GanParts.checkWidths("ACGAN generator", generatorChannels, 2);
            GanParts.checkWidths("ACGAN discriminator", discriminatorWidths, 4);
            generatorChannels = generatorChannels.clone();
            discriminatorWidths = discriminatorWidths.clone();
        }

        /**
         * eriklindernoren's configuration (latent 100, widths 128/64 and 16-32-64-128, dropout
         * 0.25).
         *
         * @param classes K
         * @param channels image channels
         * @param size image side
         * @return the spec
         */
        public static Spec reference(int classes, int channels, int size) {
            return new Spec(
                    classes,
                    100,
                    channels,
                    size,
                    new int[] {128, 64},
                    new int[] {16, 32, 64, 128},
                    0.25f);
        }
    }

    /**
     * The generator: (z (N, latent), y (N)) → (N, C, S, S).
     *
     * @param spec the configuration
     * @return the generator
     */
    public static AlphaBlock generator(Spec spec) {
        return new Generator(spec);
    }

    /**
     * The discriminator: x → (adv logit (N, 1), class logits (N, K)).
     *
     * @param spec the configuration
     * @return the discriminator
     */
    public static AlphaBlock discriminator(Spec spec) {
        return TrunkHeads.convTrunk(
                "ACGAN-D",
                spec.channels(),
                spec.size(),
                spec.discriminatorWidths(),
                spec.dropout(),
                new String[] {"adv_layer", "aux_layer"},
                1,
                spec.classes());
    }

    private static final class Generator extends UpsamplingGenerator {
        Generator(Spec spec) {
            super(
                    spec.generatorChannels(),
                    spec.channels(),
                    spec.size(),
                    spec.latent(),
                    spec.classes());
            add("label_emb", new ClassEmbedding(spec.classes(), spec.latent()));
            describeAs("ACGAN-G");
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            ClassEmbedding.checkLabelled(kind(), inputs, "z");
            NDArray z = inputs.get(0);
            NDArray e = call("label_emb", ps, inputs.get(1), training);
            return new NDList(project(ps, e.mul(z), training));
        }
    }
}

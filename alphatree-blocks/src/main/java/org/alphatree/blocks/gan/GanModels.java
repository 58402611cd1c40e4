package org.alphatree.blocks.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.alphatree.blocks.gan.progan.ProGan;

/**
 * The GAN generators and discriminators with fixed published sizes, by name, for {@code alphatree
 * summary} and {@code diagram}: they are not classifiers, so they live beside the classifier
 * registry ({@link org.alphatree.blocks.registry.ModelRegistry}) rather than in it. Each count was
 * checked against a PyTorch twin (tools/fixtures).
 */
public final class GanModels {

    private GanModels() {}

    /** What a network does in its GAN. */
    public enum Role {
        /** Maps latents (and labels) to images. */
        GENERATOR,
        /** Maps images (and labels) to scores. */
        DISCRIMINATOR
    }

    /**
     * A registered GAN network.
     *
     * @param name the name ({@code progan_generator_1024})
     * @param role generator or discriminator
     * @param reference the reference implementation
     * @param trainableParameters the reference's trainable parameters
     * @param defaultInputShape the input shape (batch 1)
     * @param paper the paper
     * @param factory builds a new, uninitialized network
     */
    public record Entry(
            String name,
            Role role,
            String reference,
            long trainableParameters,
            Shape defaultInputShape,
            String paper,
            Supplier<Block> factory) {

        /**
         * Builds the network.
         *
         * @return a new, uninitialized network
         */
        public Block build() {
            return factory.get();
        }
    }

    private static final String DCGAN_PAPER =
            "Radford, Metz & Chintala, \"Unsupervised Representation Learning with Deep"
                    + " Convolutional Generative Adversarial Networks\", ICLR 2016";
    private static final String PROGAN_PAPER =
            "Karras, Aila, Laine & Lehtinen, \"Progressive Growing of GANs for Improved Quality,"
                    + " Stability, and Variation\", ICLR 2018";

    private static final List<Entry> ENTRIES =
            List.of(
                    new Entry(
                            "dcgan_generator_64",
                            Role.GENERATOR,
                            "pytorch/examples dcgan (nz 100, ngf 64, nc 3)",
                            3_576_704L,
                            new Shape(1, 100),
                            DCGAN_PAPER,
                            () -> DCGAN.generator(100, 64, 3, 64)),
                    new Entry(
                            "dcgan_discriminator_64",
                            Role.DISCRIMINATOR,
                            "pytorch/examples dcgan (ndf 64, nc 3)",
                            2_765_568L,
                            new Shape(1, 3, 64, 64),
                            DCGAN_PAPER,
                            () -> DCGAN.discriminator(64, 3, 64)),
                    new Entry(
                            "progan_generator_1024",
                            Role.GENERATOR,
                            "tkarras/progressive_growing_of_gans networks.G_paper (1024 px)",
                            23_079_115L,
                            new Shape(1, 512),
                            PROGAN_PAPER,
                            () -> ProGan.generator(ProGan.Spec.paper(1024))),
                    new Entry(
                            "progan_discriminator_1024",
                            Role.DISCRIMINATOR,
                            "tkarras/progressive_growing_of_gans networks.D_paper (1024 px)",
                            23_087_249L,
                            new Shape(1, 3, 1024, 1024),
                            PROGAN_PAPER,
                            () -> ProGan.discriminator(ProGan.Spec.paper(1024))));

    /**
     * Returns every entry.
     *
     * @return the entries
     */
    public static List<Entry> all() {
        return ENTRIES;
    }

    /**
     * Finds an entry by name (case-insensitive).
     *
     * @param name the name
     * @return the entry, if registered
     */
    public static Optional<Entry> find(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ENTRIES.stream().filter(e -> e.name().equals(n)).findFirst();
    }

    /**
     * Returns the registered names, comma-separated (for messages).
     *
     * @return the names
     */
    public static String names() {
        return ENTRIES.stream().map(Entry::name).collect(Collectors.joining(", "));
    }
}

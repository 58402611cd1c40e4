package org.alphatree.blocks.gan;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.alphatree.blocks.gan.biggan.BigGan;
import org.alphatree.blocks.gan.progan.ProGan;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;

/**
 * The GAN generators and discriminators with fixed published sizes, by name, for {@code alphatree
 * summary} and {@code diagram}: they are not classifiers, so they live beside the classifier
 * registry ({@link org.alphatree.blocks.registry.ModelRegistry}) rather than in it. Each count was
 * checked against a PyTorch twin (tools/fixtures).
 */
public final class GanModels {

    private GanModels() {}

    /**
     * A registered GAN network.
     *
     * @param name the name ({@code progan_generator_1024})
     * @param role generator or discriminator (the network's {@link GanNetwork#role()})
     * @param reference the reference implementation
     * @param trainableParameters the reference's trainable parameters
     * @param inputShapes the input shapes at batch 1 ({@link GanNetwork#inputShapes(long)}): the
     *     latents or images, then the class labels (N) for class-conditional networks
     * @param paper the paper
     * @param factory builds a new, uninitialized network
     */
    public record Entry(
            String name,
            GanNetwork.Role role,
            String reference,
            long trainableParameters,
            List<Shape> inputShapes,
            String paper,
            Supplier<Block> factory) {

        /**
         * An entry whose role and inputs are read from the network's {@link GanNetwork} contract.
         *
         * @param name the name
         * @param reference the reference implementation
         * @param trainableParameters the reference's trainable parameters
         * @param paper the paper
         * @param factory builds a new, uninitialized network that implements {@link GanNetwork}
         * @return the entry
         * @throws IllegalArgumentException if the network does not implement the contract
         */
        static Entry of(
                String name,
                String reference,
                long trainableParameters,
                String paper,
                Supplier<? extends Block> factory) {
            if (!(factory.get() instanceof GanNetwork probe)) {
                throw new IllegalArgumentException(name + " does not implement GanNetwork");
            }
            return new Entry(
                    name,
                    probe.role(),
                    reference,
                    trainableParameters,
                    List.copyOf(probe.inputShapes(1)),
                    paper,
                    factory::get);
        }

        /**
         * Returns the first input's shape (the latents or images).
         *
         * @return the shape at batch 1
         */
        public Shape defaultInputShape() {
            return inputShapes.get(0);
        }

        /**
         * Returns the input shapes at a batch size: the first input's shape with {@code first}'s
         * batch, labels (N) following it.
         *
         * @param first the first input's shape
         * @return every input's shape
         */
        public Shape[] inputShapes(Shape first) {
            Shape[] s = inputShapes.toArray(new Shape[0]);
            s[0] = first;
            for (int i = 1; i < s.length; i++) {
                long[] d = s[i].getShape().clone();
                d[0] = first.get(0);
                s[i] = new Shape(d);
            }
            return s;
        }

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

    private static final String STYLEGAN2_PAPER =
            "Karras, Laine, Aittala, Hellsten, Lehtinen & Aila, \"Analyzing and Improving the"
                    + " Image Quality of StyleGAN\", CVPR 2020";
    private static final String BIGGAN_PAPER =
            "Brock, Donahue & Simonyan, \"Large Scale GAN Training for High Fidelity Natural"
                    + " Image Synthesis\", ICLR 2019";

    private static final List<Entry> ENTRIES =
            List.of(
                    Entry.of(
                            "dcgan_generator_64",
                            "pytorch/examples dcgan (nz 100, ngf 64, nc 3)",
                            3_576_704L,
                            DCGAN_PAPER,
                            () -> DCGAN.generator(100, 64, 3, 64)),
                    Entry.of(
                            "dcgan_discriminator_64",
                            "pytorch/examples dcgan (ndf 64, nc 3)",
                            2_765_568L,
                            DCGAN_PAPER,
                            () -> DCGAN.discriminator(64, 3, 64)),
                    Entry.of(
                            "progan_generator_1024",
                            "tkarras/progressive_growing_of_gans networks.G_paper (1024 px)",
                            23_079_115L,
                            PROGAN_PAPER,
                            () -> ProGan.generator(ProGan.Spec.paper(1024))),
                    Entry.of(
                            "progan_discriminator_1024",
                            "tkarras/progressive_growing_of_gans networks.D_paper (1024 px)",
                            23_087_249L,
                            PROGAN_PAPER,
                            () -> ProGan.discriminator(ProGan.Spec.paper(1024))),
                    Entry.of(
                            "stylegan2_generator_1024",
                            "NVlabs/stylegan2-ada-pytorch networks.Generator (config F, 1024 px)",
                            30_370_060L,
                            STYLEGAN2_PAPER,
                            () -> StyleGan2.generator(StyleGan2.Spec.configF(1024))),
                    Entry.of(
                            "stylegan2_discriminator_1024",
                            "NVlabs/stylegan2-ada-pytorch networks.Discriminator (config F, 1024 px)",
                            29_012_513L,
                            STYLEGAN2_PAPER,
                            () -> StyleGan2.discriminator(StyleGan2.Spec.configF(1024))),
                    Entry.of(
                            "biggan_generator_128",
                            "ajbrock/BigGAN-PyTorch BigGAN.Generator (launch_BigGAN_bs256x8.sh)",
                            70_433_988L,
                            BIGGAN_PAPER,
                            () -> BigGan.generator(BigGan.Spec.launch128())),
                    Entry.of(
                            "biggan_discriminator_128",
                            "ajbrock/BigGAN-PyTorch BigGAN.Discriminator (launch_BigGAN_bs256x8.sh)",
                            87_982_370L,
                            BIGGAN_PAPER,
                            () -> BigGan.discriminator(BigGan.Spec.launch128())));

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

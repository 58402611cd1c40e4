package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.gan.GanNetwork;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.Layers;

/**
 * The conditional GAN (Mirza &amp; Osindero, "Conditional Generative Adversarial Nets", 2014) as
 * eriklindernoren/PyTorch-GAN's {@code cgan.py}: the generator takes {@code cat(label_emb(y), z)}
 * (an embedding K → K) through an MLP (widths 128, 256, 512, 1024, BatchNorm1d with eps 0.8 after
 * all but the first, LeakyReLU 0.2) to {@code tanh}, reshaped to the image; the discriminator takes
 * {@code cat(flatten(x), label_embedding(y))} through 512-512-512 (dropout 0.4 on the last two) to
 * one logit. Inputs (z, y) and (x, y), y (N) class indices. Module names {@code label_emb}, {@code
 * model.<i>} / {@code label_embedding}, {@code model.<i>}.
 */
public final class Cgan {
    private Cgan() {}

    /**
     * A CGAN configuration.
     *
     * @param classes K
     * @param latent noise size (100)
     * @param channels image channels
     * @param height image height
     * @param width image width
     * @param generatorWidths the generator's four hidden widths (128, 256, 512, 1024)
     * @param discriminatorWidth the discriminator's hidden width (512)
     * @param dropout the discriminator's dropout (0.4)
     */
    public record Spec(
            int classes,
            int latent,
            int channels,
            int height,
            int width,
            int[] generatorWidths,
            int discriminatorWidth,
            float dropout) {

        /** Validates the fields. */
        public Spec {
            if (classes < 1 || latent < 1 || channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException(
                        "CGAN: classes, latent, channels, height and width must be >= 1");
            }
            GanParts.checkWidths("CGAN generator", generatorWidths, 4);
            GanParts.checkWidths("CGAN discriminator", new int[] {discriminatorWidth}, 1);
            generatorWidths = generatorWidths.clone();
        }

        /**
         * eriklindernoren's configuration: latent 100, widths 128-256-512-1024 and 512, dropout
         * 0.4.
         *
         * @param classes K
         * @param channels image channels
         * @param size image side
         * @return the spec
         */
        public static Spec reference(int classes, int channels, int size) {
            return new Spec(
                    classes, 100, channels, size, size, new int[] {128, 256, 512, 1024}, 512, 0.4f);
        }

        int pixels() {
            return channels * height * width;
        }
    }

    /**
     * The generator: (z (N, latent), y (N)) → (N, C, H, W) in [−1, 1].
     *
     * @param spec the configuration
     * @return the generator
     */
    public static AlphaBlock generator(Spec spec) {
        return new Generator(spec);
    }

    /**
     * The discriminator: (x (N, C, H, W), y (N)) → (N, 1) logits.
     *
     * @param spec the configuration
     * @return the discriminator
     */
    public static AlphaBlock discriminator(Spec spec) {
        return new Discriminator(spec);
    }

    /** The image shape the spec makes: (C, H, W). */
    private static Shape image(Spec spec) {
        return new Shape(spec.channels(), spec.height(), spec.width());
    }

    private static final class Generator extends LabelledBlock implements GanNetwork {
        private final Spec spec;
        private final Signature signature;

        Generator(Spec spec) {
            super("z");
            this.spec = spec;
            this.signature = Signature.generator(image(spec), spec.latent(), spec.classes());
            add("label_emb", new ClassEmbedding(spec.classes(), spec.classes()));
            Sequential model = new Sequential();
            int[] w = spec.generatorWidths();
            for (int i = 0; i < 4; i++) {
                model.add(Layers.linear(w[i], true));
                if (i > 0) {
                    model.add(new BatchNorm2d(w[i], GanParts.ERIK_EPS, 0.1f));
                }
                model.add(Activation.leakyReluBlock(0.2f));
            }
            model.add(Layers.linear(spec.pixels(), true));
            model.add(new Activation(Activation.Type.TANH));
            add("model", model);
            describeAs("CGAN-G");
        }

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return signature;
        }

        /** {@inheritDoc} */
        @Override
        protected NDArray forwardLabelled(
                ParameterStore ps, NDArray z, NDArray labels, boolean training) {
            NDArray e = call("label_emb", ps, labels, training);
            NDArray y = call("model", ps, NDArrays.concat(new NDList(e, z), 1), training);
            return y.reshape(z.getShape().get(0), spec.channels(), spec.height(), spec.width());
        }
    }

    private static final class Discriminator extends LabelledBlock implements GanNetwork {
        private final Signature signature;

        Discriminator(Spec spec) {
            super("x");
            this.signature = Signature.discriminator(image(spec), spec.classes());
            add("label_embedding", new ClassEmbedding(spec.classes(), spec.classes()));
            Sequential model = new Sequential();
            int w = spec.discriminatorWidth();
            model.add(Layers.linear(w, true));
            model.add(Activation.leakyReluBlock(0.2f));
            for (int i = 0; i < 2; i++) {
                model.add(Layers.linear(w, true));
                model.add(new Dropout(spec.dropout()));
                model.add(Activation.leakyReluBlock(0.2f));
            }
            model.add(Layers.linear(1, true));
            add("model", model);
            describeAs("CGAN-D");
        }

        /** {@inheritDoc} */
        @Override
        public Signature signature() {
            return signature;
        }

        /** {@inheritDoc} */
        @Override
        protected NDArray forwardLabelled(
                ParameterStore ps, NDArray x, NDArray labels, boolean training) {
            NDArray e = call("label_embedding", ps, labels, training);
            NDArray flat = x.reshape(x.getShape().get(0), -1);
            return call("model", ps, NDArrays.concat(new NDList(flat, e), 1), training);
        }
    }
}

package org.alphatree.blocks.gan;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract of a GAN generator or discriminator, as {@link org.alphatree.blocks.core.Network} is
 * the classifiers': what it takes and what it makes, so that summaries, diagrams, the trainer and
 * tests need no per-family knowledge.
 *
 * <p>A generator maps latents {@code (N, latentDim)} — then labels {@code (N)} when it is
 * class-conditional — to images {@code (N, C, H, W)}; a discriminator maps images (then labels) to
 * scores.
 */
public interface GanNetwork {

    /** What a network does in its GAN. */
    enum Role {
        /** Maps latents (and labels) to images. */
        GENERATOR,
        /** Maps images (and labels) to scores. */
        DISCRIMINATOR
    }

    /**
     * What a network takes and makes: its role, the image shape, the latent width (0 for a
     * discriminator) and the classes (0 if unconditional).
     *
     * @param role generator or discriminator
     * @param imageShape one image, (C, H, W)
     * @param latentDim the generator's latent width
     * @param numClasses the classes of a class-conditional network
     */
    record Signature(Role role, Shape imageShape, int latentDim, int numClasses) {

        /**
         * A generator's signature.
         *
         * @param image one image, (C, H, W)
         * @param latentDim the latent width
         * @param numClasses the classes (0 if unconditional)
         * @return the signature
         */
        public static Signature generator(Shape image, int latentDim, int numClasses) {
            return new Signature(Role.GENERATOR, image, latentDim, numClasses);
        }

        /**
         * A discriminator's signature.
         *
         * @param image one image, (C, H, W)
         * @param numClasses the classes (0 if unconditional)
         * @return the signature
         */
        public static Signature discriminator(Shape image, int numClasses) {
            return new Signature(Role.DISCRIMINATOR, image, 0, numClasses);
        }
    }

    /**
     * Returns what the network takes and makes; the other methods read it.
     *
     * @return the signature
     */
    Signature signature();

    /**
     * Returns the network's role.
     *
     * @return generator or discriminator
     */
    default Role role() {
        return signature().role();
    }

    /**
     * Returns the shape of one image the generator makes or the discriminator scores.
     *
     * @return (C, H, W)
     */
    default Shape imageShape() {
        return signature().imageShape();
    }

    /**
     * Returns the width of the generator's latent input (0 for a discriminator).
     *
     * @return the latent dimension
     */
    default int latentDim() {
        return signature().latentDim();
    }

    /**
     * Returns the classes of a class-conditional network, whose second input is the labels; 0 if it
     * is unconditional.
     *
     * @return the classes
     */
    default int numClasses() {
        return signature().numClasses();
    }

    /**
     * Returns the input shapes at a batch size: the latents or the images, then the labels of a
     * class-conditional network.
     *
     * @param batch the batch size
     * @return the shapes
     */
    default List<Shape> inputShapes(long batch) {
        List<Shape> out = new ArrayList<>();
        out.add(
                role() == Role.GENERATOR
                        ? new Shape(batch, latentDim())
                        : new Shape(batch).addAll(imageShape()));
        if (numClasses() > 0) {
            out.add(new Shape(batch));
        }
        return out;
    }
}

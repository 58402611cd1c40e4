package org.alphatree.blocks.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvTranspose2d;
import org.alphatree.blocks.layers.Layers;

/**
 * DCGAN's generator and discriminator (Radford, Metz &amp; Chintala, "Unsupervised Representation
 * Learning with Deep Convolutional Generative Adversarial Networks", ICLR 2016), laid out like the
 * PyTorch DCGAN example ({@code main.0}, {@code main.1}, …): 4x4 transposed convolutions with BN
 * and ReLU up to a Tanh; 4x4 strided convolutions with BN and LeakyReLU(0.2) down to one logit (no
 * sigmoid: AlphaTree's losses take logits).
 */
public final class DCGAN {
    private DCGAN() {}

    /**
     * The generator: (N, nz, 1, 1) noise to (N, nc, size, size) images in [−1, 1].
     *
     * @param nz noise size (100)
     * @param ngf base width (64)
     * @param nc image channels (3)
     * @param size image size: 16, 32 or 64
     * @return the generator
     */
    public static AlphaBlock generator(int nz, int ngf, int nc, int size) {
        int ups = checkSize(size);
        Sequential main = new Sequential();
        int width = ngf << (ups - 1);
        main.add(new ConvTranspose2d(width, 4, 1, 0, 0, false));
        main.add(new BatchNorm2d(width));
        main.add(Activation.reluBlock());
        for (int i = 1; i < ups; i++) {
            width /= 2;
            main.add(new ConvTranspose2d(width, 4, 2, 1, 0, false));
            main.add(new BatchNorm2d(width));
            main.add(Activation.reluBlock());
        }
        main.add(new ConvTranspose2d(nc, 4, 2, 1, 0, false));
        main.add(new Activation(Activation.Type.TANH));
        return new Wrapper("DCGAN-G", main, nz, new Shape(nc, size, size));
    }

    /**
     * The discriminator: (N, nc, size, size) images to (N) logits.
     *
     * @param ndf base width (64)
     * @param nc image channels
     * @param size image size: 16, 32 or 64
     * @return the discriminator
     */
    public static AlphaBlock discriminator(int ndf, int nc, int size) {
        int downs = checkSize(size);
        Sequential main = new Sequential();
        int width = ndf;
        main.add(Layers.conv2d(width, 4, 2, 1, 1, false));
        main.add(new Activation(Activation.Type.LEAKY_RELU));
        for (int i = 1; i < downs; i++) {
            width *= 2;
            main.add(Layers.conv2d(width, 4, 2, 1, 1, false));
            main.add(new BatchNorm2d(width));
            main.add(new Activation(Activation.Type.LEAKY_RELU));
        }
        main.add(Layers.conv2d(1, 4, 1, 0, 1, false));
        return new Wrapper("DCGAN-D", main, -1, new Shape(nc, size, size));
    }

    private static int checkSize(int size) {
        return switch (size) {
            case 16 -> 2;
            case 32 -> 3;
            case 64 -> 4;
            default ->
                    throw new IllegalArgumentException(
                            "DCGAN image size must be 16, 32 or 64, got " + size);
        };
    }

    /** Holds {@code main}; reshapes noise (N, nz) to (N, nz, 1, 1) and logits to (N). */
    private static final class Wrapper extends AlphaBlock implements GanNetwork {
        private final String name;
        private final int nz;
        private final Shape image;

        Wrapper(String name, Sequential main, int nz, Shape image) {
            this.name = name;
            this.nz = nz;
            this.image = image;
            add("main", main);
        }

        @Override
        public Signature signature() {
            return nz > 0 ? Signature.generator(image, nz, 0) : Signature.discriminator(image, 0);
        }

        @Override
        public String kind() {
            return name;
        }

        @Override
        protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
            if (nz > 0 && x.getShape().dimension() == 2) {
                x = x.reshape(x.getShape().get(0), nz, 1, 1);
            }
            NDArray y = call("main", ps, x, training);
            return nz > 0 ? y : y.reshape(-1);
        }
    }
}

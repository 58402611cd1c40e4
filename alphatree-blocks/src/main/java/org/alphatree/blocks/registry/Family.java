package org.alphatree.blocks.registry;

/** The guide's network families, each with its package under {@code org.alphatree.blocks}. */
public enum Family {
    /**
     * ResNet, ResNeXt, wide ResNet, ResNet-D, pre-activation ResNet, SE-nets ({@code .residual}).
     */
    RESNET("ResNet"),
    /** GoogLeNet, Inception v3/v4, Inception-ResNet-v2, the FID Inception ({@code .inception}). */
    INCEPTION("Inception"),
    /** DenseNet ({@code .dense}). */
    DENSENET("DenseNet"),
    /** Dual Path Networks ({@code .dualpath}). */
    DPN("DPN"),
    /** LeNet, AlexNet, ZFNet, VGG ({@code .classic}). */
    CLASSIC("Classic"),
    /** SqueezeNet, MobileNet, MNASNet, ShuffleNet, Xception ({@code .mobile}). */
    MOBILE("Light"),
    /** NASNet, PNASNet, PolyNet ({@code .nas}). */
    NAS("NAS"),
    /** GAN generators and discriminators ({@code .gan}). */
    GAN("GAN");

    private final String title;

    Family(String title) {
        this.title = title;
    }

    /**
     * Returns the family's name as the guide writes it ({@code ResNet}).
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return title;
    }
}

package org.alphatree.blocks.registry;

import java.util.Arrays;

/**
 * The reference's eval preprocessing of a network: resize the shorter side to {@code resize} with
 * {@code interpolation}, center-crop {@code crop}, scale to [0, 1], subtract {@code mean} and
 * divide by {@code std} per channel (torchvision's {@code ImageClassification} transform, timm's
 * {@code pretrained_cfg}).
 *
 * @param mean per-channel mean (RGB, or one value for a greyscale network such as LeNet-5)
 * @param std per-channel standard deviation (RGB, or one value)
 * @param resize the shorter side after resizing
 * @param crop the center crop's side (0: no crop, resize to {@code resize x resize})
 * @param interpolation {@code bilinear} or {@code bicubic}
 */
public record Preprocessing(float[] mean, float[] std, int resize, int crop, String interpolation) {

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    private static final float[] HALF = {0.5f, 0.5f, 0.5f};

    /** torchvision's ImageNet transform: resize 256 bilinear, crop 224, ImageNet mean/std. */
    public static final Preprocessing IMAGENET =
            new Preprocessing(IMAGENET_MEAN, IMAGENET_STD, 256, 224, "bilinear");

    /** Validates the values and copies the arrays. */
    public Preprocessing {
        if (mean.length != std.length || (mean.length != 3 && mean.length != 1)) {
            throw new IllegalArgumentException(
                    "mean and std need 3 channels (RGB) or 1 (grey), got "
                            + mean.length
                            + " and "
                            + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive");
            }
        }
        if (resize < 1 || crop < 0 || crop > resize) {
            throw new IllegalArgumentException(
                    "need resize >= crop >= 0 and resize >= 1, got resize "
                            + resize
                            + ", crop "
                            + crop);
        }
        if (!interpolation.equals("bilinear") && !interpolation.equals("bicubic")) {
            throw new IllegalArgumentException(
                    "interpolation must be bilinear or bicubic, got " + interpolation);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * ImageNet mean/std with another resize, crop and interpolation.
     *
     * @param resize the shorter side after resizing
     * @param crop the crop
     * @param interpolation {@code bilinear} or {@code bicubic}
     * @return the preprocessing
     */
    public static Preprocessing imagenet(int resize, int crop, String interpolation) {
        return new Preprocessing(IMAGENET_MEAN, IMAGENET_STD, resize, crop, interpolation);
    }

    /**
     * MNIST's greyscale statistics (mean 0.1307, std 0.3081), the 28×28 digits resized to {@code
     * size} (LeNet-5's 32: the paper pads the digits to 32×32).
     *
     * @param size the side
     * @return the preprocessing
     */
    public static Preprocessing mnist(int size) {
        return new Preprocessing(
                new float[] {0.1307f}, new float[] {0.3081f}, size, size, "bilinear");
    }

    /**
     * Returns the side of the square images it produces: the crop, or the resize where there is no
     * crop.
     *
     * @return the side
     */
    public int size() {
        return crop > 0 ? crop : resize;
    }

    /**
     * Returns the number of input channels (3, or 1 for greyscale).
     *
     * @return the channels
     */
    public int channels() {
        return mean.length;
    }

    /**
     * The Inception mean/std (0.5, 0.5, 0.5), mapping [0, 1] to [-1, 1].
     *
     * @param resize the shorter side after resizing
     * @param crop the crop (0: none)
     * @param interpolation {@code bilinear} or {@code bicubic}
     * @return the preprocessing
     */
    public static Preprocessing inception(int resize, int crop, String interpolation) {
        return new Preprocessing(HALF, HALF, resize, crop, interpolation);
    }

    /**
     * Returns the mean (a copy).
     *
     * @return the mean
     */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /**
     * Returns the standard deviation (a copy).
     *
     * @return the std
     */
    @Override
    public float[] std() {
        return std.clone();
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "resize "
                + resize
                + " "
                + interpolation
                + ", crop "
                + crop
                + ", mean "
                + Arrays.toString(mean)
                + ", std "
                + Arrays.toString(std);
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p
                && Arrays.equals(mean, p.mean)
                && Arrays.equals(std, p.std)
                && resize == p.resize
                && crop == p.crop
                && interpolation.equals(p.interpolation);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                Arrays.hashCode(mean), Arrays.hashCode(std), resize, crop, interpolation);
    }
}

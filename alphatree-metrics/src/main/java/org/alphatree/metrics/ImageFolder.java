package org.alphatree.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The images of a folder (png, jpg, jpeg; sorted by name), read as RGB exactly as Pillow reads them
 * ({@link #read}).
 */
public final class ImageFolder {

    private final Path dir;
    private final List<Path> files;

    private ImageFolder(Path dir, List<Path> files) {
        this.dir = dir;
        this.files = files;
    }

    /**
     * The most images one folder may hold: 1,000,000 (the guide's largest FID tables use 50k to
     * 70k; the per-image features of a million at d = 2048 already take 16 GiB). Larger sets are
     * for the Spark scale-out.
     */
    public static final int MAX_IMAGES = 1_000_000;

    /**
     * The most feature values one extraction may hold in memory: 2^28 doubles (2 GiB), e.g. 131,072
     * images at d = 2048.
     */
    public static final long MAX_FEATURE_VALUES = 1L << 28;

    /**
     * Lists a folder's images.
     *
     * @param dir the folder
     * @return the folder
     * @throws IOException if it is missing, not a folder, holds no images or more than {@link
     *     #MAX_IMAGES}
     */
    public static ImageFolder of(Path dir) throws IOException {
        return of(dir, MAX_IMAGES);
    }

    /** {@link #of(Path)} with another image bound (tests). */
    static ImageFolder of(Path dir, int maxImages) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "image folder not found");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder of images");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files =
                    s.filter(Files::isRegularFile)
                            .filter(
                                    p -> {
                                        String n =
                                                p.getFileName().toString().toLowerCase(Locale.ROOT);
                                        return n.endsWith(".png")
                                                || n.endsWith(".jpg")
                                                || n.endsWith(".jpeg");
                                    })
                            .limit(maxImages + 1L)
                            .sorted()
                            .collect(Collectors.toList());
        }
        if (files.size() > maxImages) {
            throw new IOException(
                    dir
                            + " holds more than "
                            + String.format(Locale.ROOT, "%,d", maxImages)
                            + " images; split it, or compute the statistics in parts");
        }
        if (files.isEmpty()) {
            throw new IOException("no .png/.jpg images in " + dir);
        }
        return new ImageFolder(dir, files);
    }

    /**
     * Checks that {@code dims} values per image fit the in-memory budget, before any allocation.
     *
     * @param dims values per image
     * @throws IOException naming the folder, the count and the budget, if they do not
     */
    public void checkFeatureBudget(int dims) throws IOException {
        checkFeatureBudget(dims, MAX_FEATURE_VALUES);
    }

    /** {@link #checkFeatureBudget(int)} with another budget (tests). */
    void checkFeatureBudget(int dims, long maxValues) throws IOException {
        long values = (long) files.size() * dims;
        if (values > maxValues) {
            throw new IOException(
                    dir
                            + ": "
                            + String.format(Locale.ROOT, "%,d", files.size())
                            + " images × "
                            + dims
                            + " features would take "
                            + String.format(Locale.ROOT, "%.1f", values * 8.0 / (1L << 30))
                            + " GiB, over the "
                            + String.format(Locale.ROOT, "%.1f", maxValues * 8.0 / (1L << 30))
                            + " GiB budget; use fewer images per run");
        }
    }

    /**
     * Returns the image files.
     *
     * @return the files, sorted
     */
    public List<Path> files() {
        return files;
    }

    /**
     * Returns the folder.
     *
     * @return the folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * Reads one image as CHW 8-bit values (0..255) in a float array, equal to Pillow's {@code
     * Image.open(file).convert("RGB")} (what torchvision, timm and pytorch-fid read): the format is
     * taken from the file's first bytes (PNG or JPEG, whatever the extension), grey and palette
     * images are expanded as Pillow expands them, alpha is dropped, 16-bit samples are reduced as
     * Pillow reduces them, CMYK JPEGs are converted by Pillow's formula, embedded ICC profiles and
     * EXIF orientation are ignored (Pillow's defaults), and truncated or corrupt files are refused.
     *
     * @param file the image
     * @return {@code [3 * h * w]} values and the size
     * @throws IOException naming the file: missing, neither PNG nor JPEG, truncated, corrupt, or
     *     over {@link #MAX_PIXELS} ({@link DecompressionBombException})
     */
    public static Pixels read(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "image not found");
        }
        head = java.util.Arrays.copyOf(head, n);
        try {
            if (PngDecoder.isPng(head)) {
                return PngDecoder.decode(file, MAX_PIXELS);
            }
            if (JpegDecoder.isJpeg(head)) {
                return JpegDecoder.decode(file, MAX_PIXELS);
            }
        } catch (RuntimeException e) { // a defect here must still name the file
            throw new IOException("cannot read image " + file + ": " + e, e);
        }
        throw new IOException("cannot read image " + file + ": not a PNG or JPEG");
    }

    /**
     * PIL's decompression-bomb limit: it refuses images over twice {@code Image.MAX_IMAGE_PIXELS}
     * (89,478,485); override with {@code -Dalphatree.images.maxPixels}.
     */
    public static final long MAX_PIXELS =
            Long.getLong("alphatree.images.maxPixels", 2L * 89_478_485);

    /** An image whose header declares more pixels than {@link #MAX_PIXELS}. */
    public static final class DecompressionBombException extends IOException {
        private static final long serialVersionUID = 1L;

        DecompressionBombException(String message) {
            super(message);
        }
    }

    /** Refuses a declared size over the limit, before anything is decoded. */
    static void checkPixelCount(Path file, long width, long height, long maxPixels)
            throws DecompressionBombException {
        long pixels = width * height;
        if (pixels > maxPixels) {
            throw new DecompressionBombException(
                    "image "
                            + file
                            + " declares "
                            + width
                            + "x"
                            + height
                            + " = "
                            + pixels
                            + " pixels, over the limit of "
                            + maxPixels
                            + " (PIL's decompression-bomb limit; -Dalphatree.images.maxPixels"
                            + " to raise it)");
        }
    }

    /**
     * An image's pixels.
     *
     * @param chw channel-major values 0..255
     * @param height height
     * @param width width
     */
    public record Pixels(float[] chw, int height, int width) {}
}

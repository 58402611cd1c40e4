package org.alphatree.metrics;

import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A JPEG decoder whose RGB output equals Pillow's {@code Image.open(f).convert("RGB")}.
 *
 * <p>The entropy decoding, inverse DCT and (fancy) upsampling are the JDK's, which is IJG libjpeg;
 * Pillow's libjpeg-turbo gives the same samples for the baseline and progressive 4:4:4, 4:2:2 and
 * 4:2:0 files the fixtures cover. The JDK's colour handling is not used: its {@code read} applies
 * an embedded ICC profile, which Pillow's {@code convert} never does. Instead the raw components
 * are read ({@code readRaster}) and converted here with libjpeg's integer tables (jdcolor.c),
 * choosing the colour space as libjpeg does (JFIF, Adobe transform, component ids), then Pillow's
 * conversion: grey replicated, CMYK (inverted when an Adobe marker is present, as Pillow's {@code
 * CMYK;I}) to RGB by {@code nk - nk·c/255} with {@code nk = 255 - k}. EXIF orientation is ignored,
 * as Pillow's {@code open} does. A file that ends early (libjpeg's "premature end" warnings, or a
 * missing EOI) is refused as truncated, as Pillow refuses it.
 */
final class JpegDecoder {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegDecoder() {}

    private static int fix(double v) {
        return (int) (v * (1L << SCALEBITS) + 0.5);
    }

    static boolean isJpeg(byte[] head) {
        return head.length >= 3
                && (head[0] & 0xff) == 0xff
                && (head[1] & 0xff) == 0xd8
                && (head[2] & 0xff) == 0xff;
    }

    /** What libjpeg reads before the scan: the frame and the colour markers. */
    private record Frame(
            int width, int height, int precision, int[] ids, boolean jfif, int adobeTransform) {}

    static ImageFolder.Pixels decode(Path file, long maxPixels) throws IOException {
        Frame f = frame(file);
        ImageFolder.checkPixelCount(file, f.width(), f.height(), maxPixels);
        int n = f.ids().length;
        if (n != 1 && n != 3 && n != 4) {
            throw new IOException(
                    "image " + file + ": a JPEG with " + n + " components (1, 3 or 4 expected)");
        }
        // every 8x8 block of every component costs at least one bit (its DC code), so a whole
        // file of N bytes holds at most 512 N pixels: a lying header is refused before libjpeg
        // allocates for it
        long bytes = Files.size(file);
        if ((long) f.width() * f.height() > 512 * bytes) {
            throw new IOException(
                    "image "
                            + file
                            + " declares "
                            + f.width()
                            + "x"
                            + f.height()
                            + " pixels, more than its "
                            + bytes
                            + " bytes can encode: truncated or corrupt");
        }
        if (f.precision() != 8) {
            throw new IOException(
                    "image " + file + ": " + f.precision() + "-bit JPEG samples (8 expected)");
        }
        Raster raster = readRaster(file);
        if (raster.getNumBands() != n
                || raster.getWidth() != f.width()
                || raster.getHeight() != f.height()) {
            throw new IOException("image " + file + ": decoded size differs from its header");
        }
        return convert(f, raster);
    }

    private static Raster readRaster(Path file) throws IOException {
        List<String> warnings = new ArrayList<>();
        Raster raster;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = jdkReader();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, message) -> warnings.add(message));
                raster = reader.readRaster(0, null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        for (String w : warnings) {
            String m = w.toLowerCase(Locale.ROOT);
            if (m.contains("truncated") || m.contains("premature end")) {
                throw new IOException("image " + file + " is truncated (" + w + ")");
            }
        }
        return raster;
    }

    /** The JDK's own JPEG reader (libjpeg), whatever other plugins are on the class path. */
    private static ImageReader jdkReader() throws IOException {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        ImageReader first = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg.")) {
                return r;
            }
            if (first == null) {
                first = r;
            }
        }
        if (first == null) {
            throw new IOException("no JPEG reader in this JVM");
        }
        return first;
    }

    /** Reads the markers up to the first scan, as libjpeg's jdmarker.c does. */
    private static Frame frame(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 14))) {
            if (in.readUnsignedShort() != 0xffd8) {
                throw new IOException("image " + file + " is not a JPEG (no SOI marker)");
            }
            boolean jfif = false;
            int adobe = -1;
            int[] ids = null;
            int width = 0;
            int height = 0;
            int precision = 0;
            while (true) {
                while (in.readUnsignedByte() != 0xff) {
                    // libjpeg skips (and warns about) extraneous bytes before a marker
                }
                int marker;
                do {
                    marker = in.readUnsignedByte();
                } while (marker == 0xff);
                if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                    continue; // no length
                }
                if (marker == 0xd9) {
                    throw new IOException("image " + file + ": no image data before EOI");
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    throw new IOException("image " + file + ": a marker of length " + length);
                }
                byte[] seg = new byte[length - 2];
                in.readFully(seg);
                if (marker == 0xda) {
                    if (ids == null) {
                        throw new IOException("image " + file + ": a scan before the frame header");
                    }
                    return new Frame(width, height, precision, ids, jfif, adobe);
                }
                boolean sof =
                        marker >= 0xc0
                                && marker <= 0xcf
                                && marker != 0xc4
                                && marker != 0xc8
                                && marker != 0xcc;
                if (sof) {
                    if (ids != null) {
                        throw new IOException("image " + file + ": two frame headers");
                    }
                    if (seg.length < 6) {
                        throw new IOException("image " + file + ": a short frame header");
                    }
                    precision = seg[0] & 0xff;
                    height = ((seg[1] & 0xff) << 8) | (seg[2] & 0xff);
                    width = ((seg[3] & 0xff) << 8) | (seg[4] & 0xff);
                    int n = seg[5] & 0xff;
                    if (seg.length != 6 + 3 * n || n == 0) {
                        throw new IOException(
                                "image " + file + ": a frame header of " + n + " components");
                    }
                    if (width == 0 || height == 0) {
                        throw new IOException(
                                "image " + file + ": size " + width + "x" + height + " (DNL)");
                    }
                    ids = new int[n];
                    for (int i = 0; i < n; i++) {
                        ids[i] = seg[6 + 3 * i] & 0xff;
                    }
                } else if (marker == 0xe0 && startsWith(seg, "JFIF\0")) {
                    jfif = true;
                } else if (marker == 0xee && seg.length >= 12 && startsWith(seg, "Adobe")) {
                    adobe = seg[11] & 0xff;
                }
            }
        } catch (EOFException e) {
            throw new IOException("image " + file + " is truncated (in its header)", e);
        }
    }

    private static boolean startsWith(byte[] seg, String s) {
        if (seg.length < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (seg[i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** libjpeg's choice of the file's colour space (jdapimin.c default_decompress_parms). */
    private static boolean isYcc(Frame f) {
        int[] id = f.ids();
        if (id.length == 3) {
            if (f.jfif()) {
                return true;
            }
            if (f.adobeTransform() >= 0) {
                return f.adobeTransform() != 0;
            }
            return !(id[0] == 82 && id[1] == 71 && id[2] == 66); // 'R','G','B'
        }
        return f.adobeTransform() >= 0 && f.adobeTransform() != 0; // YCCK
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static ImageFolder.Pixels convert(Frame f, Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int n = raster.getNumBands();
        int plane = w * h;
        float[] chw = new float[3 * plane];
        boolean ycc = isYcc(f);
        boolean inverted = f.adobeTransform() >= 0; // Pillow reads Adobe CMYK as CMYK;I
        int[] row = new int[w * n];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                int r;
                int g;
                int b;
                if (n == 1) {
                    r = row[x];
                    g = r;
                    b = r;
                } else {
                    int c0 = row[x * n];
                    int c1 = row[x * n + 1];
                    int c2 = row[x * n + 2];
                    if (ycc) {
                        r = clamp(c0 + CR_R[c2]);
                        g = clamp(c0 + ((CB_G[c1] + CR_G[c2]) >> SCALEBITS));
                        b = clamp(c0 + CB_B[c1]);
                    } else {
                        r = c0;
                        g = c1;
                        b = c2;
                    }
                    if (n == 4) {
                        int c;
                        int m;
                        int yy;
                        if (ycc) { // libjpeg's YCCK → CMYK: CMY = 255 - RGB
                            c = 255 - r;
                            m = 255 - g;
                            yy = 255 - b;
                        } else {
                            c = r;
                            m = g;
                            yy = b;
                        }
                        int k = row[x * n + 3];
                        if (inverted) {
                            c = 255 - c;
                            m = 255 - m;
                            yy = 255 - yy;
                            k = 255 - k;
                        }
                        int nk = 255 - k;
                        r = clamp(nk - mulDiv255(c, nk));
                        g = clamp(nk - mulDiv255(m, nk));
                        b = clamp(nk - mulDiv255(yy, nk));
                    }
                }
                chw[at] = r;
                chw[plane + at] = g;
                chw[2 * plane + at] = b;
            }
        }
        return new ImageFolder.Pixels(chw, h, w);
    }

    /** Pillow's MULDIV255: a·b/255 rounded, in integers. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }
}

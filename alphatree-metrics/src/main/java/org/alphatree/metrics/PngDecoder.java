package org.alphatree.metrics;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG decoder whose RGB output equals Pillow's {@code Image.open(f).convert("RGB")} (the
 * references' decoder), written directly against the PNG specification (ISO/IEC 15948) rather than
 * through ImageIO, whose {@code getRGB} converts linear grey to sRGB (grey 98 read as 167).
 *
 * <p>Pillow's conversions, each checked against Pillow 12 by the fixture generator: grey 1/2/4-bit
 * scaled to 0..255 (×255, ×85, ×17), 16-bit grey clipped to 255 (its {@code I;16 → RGB}), 16-bit
 * colour and grey-alpha keep the high byte, alpha and {@code tRNS} dropped, palette indices past
 * the palette read black, gamma/ICC/sBIT chunks ignored. Stricter than Pillow where Pillow skips a
 * check: every chunk's CRC is verified (Pillow skips the IDAT CRCs), and a stream that ends before
 * the last row is "truncated" (Pillow agrees). The declared size is checked against the pixel limit
 * before anything is inflated, and the buffer grows with the bytes that really inflate, up to what
 * the header declares.
 */
final class PngDecoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Adam7: x start, y start, x step, y step per pass. */
    private static final int[][] ADAM7 = {
        {0, 0, 8, 8},
        {4, 0, 8, 8},
        {0, 4, 4, 8},
        {2, 0, 4, 4},
        {0, 2, 2, 4},
        {1, 0, 2, 2},
        {0, 1, 1, 2}
    };

    private PngDecoder() {}

    static boolean isPng(byte[] head) {
        if (head.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** The header's fields. */
    private record Header(int width, int height, int depth, int colour, boolean interlaced) {
        int channels() {
            return switch (colour) {
                case 0, 3 -> 1;
                case 2 -> 3;
                case 4 -> 2;
                default -> 4;
            };
        }

        int bitsPerPixel() {
            return channels() * depth;
        }

        long rowBytes(int w) {
            return ((long) w * bitsPerPixel() + 7) / 8;
        }
    }

    static ImageFolder.Pixels decode(Path file, long maxPixels) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            return decode(file, in, maxPixels);
        } catch (EOFException e) {
            throw new IOException("image " + file + " is truncated", e);
        }
    }

    private static ImageFolder.Pixels decode(Path file, DataInputStream in, long maxPixels)
            throws IOException {
        byte[] sig = new byte[8];
        in.readFully(sig);
        if (!isPng(sig)) {
            throw new IOException("image " + file + " is not a PNG (bad signature)");
        }
        CRC32 crc = new CRC32();
        Header h = null;
        byte[] palette = null;
        Inflater inflater = new Inflater();
        byte[] data = null; // the filtered scanlines of all passes, grown as they inflate
        int expected = 0;
        int filled = 0;
        boolean idatSeen = false;
        boolean idatDone = false;
        byte[] buf = new byte[1 << 16];
        try {
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                byte[] typeBytes = new byte[4];
                in.readFully(typeBytes);
                String type = new String(typeBytes, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (length > Integer.MAX_VALUE) {
                    throw new IOException(
                            "image " + file + ": chunk " + type + " declares " + length + " bytes");
                }
                crc.reset();
                crc.update(typeBytes);
                if (h == null && !type.equals("IHDR")) {
                    throw new IOException("image " + file + ": the first chunk is not IHDR");
                }
                if (idatSeen && !type.equals("IDAT")) {
                    idatDone = true;
                }
                byte[] small = null;
                if (type.equals("IDAT")) {
                    if (idatDone) {
                        throw new IOException(
                                "image " + file + ": IDAT chunks are not consecutive");
                    }
                    if (palette == null && h.colour() == 3) {
                        throw new IOException("image " + file + ": a palette image without PLTE");
                    }
                    idatSeen = true;
                    long left = length;
                    while (left > 0) {
                        int n = (int) Math.min(left, buf.length);
                        in.readFully(buf, 0, n);
                        crc.update(buf, 0, n);
                        left -= n;
                        inflater.setInput(buf, 0, n);
                        while (filled < expected
                                && !inflater.needsInput()
                                && !inflater.finished()) {
                            if (filled == data.length) {
                                data =
                                        java.util.Arrays.copyOf(
                                                data, (int) Math.min(expected, 2L * data.length));
                            }
                            filled = inflate(file, inflater, data, filled);
                        }
                    }
                } else if (type.equals("IHDR") || type.equals("PLTE")) {
                    if (length > 768) {
                        throw new IOException(
                                "image " + file + ": " + type + " of " + length + " bytes");
                    }
                    small = new byte[(int) length];
                    in.readFully(small);
                    crc.update(small);
                } else {
                    long left = length; // ancillary or unknown: skipped, as Pillow does
                    while (left > 0) {
                        int n = (int) Math.min(left, buf.length);
                        in.readFully(buf, 0, n);
                        crc.update(buf, 0, n);
                        left -= n;
                    }
                }
                int stored = in.readInt();
                if (stored != (int) crc.getValue()) {
                    throw new IOException(
                            "image " + file + ": chunk " + type + " fails its CRC (corrupt file)");
                }
                if (type.equals("IHDR")) {
                    if (h != null) {
                        throw new IOException("image " + file + ": two IHDR chunks");
                    }
                    h = header(file, small, maxPixels);
                    expected = Math.toIntExact(imageBytes(h));
                    data = new byte[Math.min(expected, 1 << 20)];
                } else if (type.equals("PLTE")) {
                    if (small.length % 3 != 0 || small.length == 0) {
                        throw new IOException(
                                "image " + file + ": PLTE of " + small.length + " bytes");
                    }
                    palette = small;
                } else if (type.equals("IEND")) {
                    break;
                }
            }
        } finally {
            inflater.end();
        }
        if (filled < expected) {
            throw new IOException(
                    "image "
                            + file
                            + " is truncated: "
                            + filled
                            + " of "
                            + expected
                            + " bytes of image data");
        }
        return convert(file, h, palette, data);
    }

    /** Inflates into {@code data} from {@code filled} up to its length; returns the new fill. */
    private static int inflate(Path file, Inflater inflater, byte[] data, int filled)
            throws IOException {
        try {
            int n = inflater.inflate(data, filled, data.length - filled);
            if (n == 0 && inflater.needsDictionary()) {
                throw new IOException("image " + file + ": the zlib stream needs a dictionary");
            }
            return filled + n;
        } catch (DataFormatException e) {
            throw new IOException(
                    "image " + file + ": corrupt image data (" + e.getMessage() + ")");
        }
    }

    private static Header header(Path file, byte[] b, long maxPixels) throws IOException {
        if (b.length != 13) {
            throw new IOException("image " + file + ": IHDR of " + b.length + " bytes, not 13");
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
        long w = Integer.toUnsignedLong(bb.getInt());
        long hh = Integer.toUnsignedLong(bb.getInt());
        int depth = bb.get() & 0xff;
        int colour = bb.get() & 0xff;
        int compression = bb.get() & 0xff;
        int filter = bb.get() & 0xff;
        int interlace = bb.get() & 0xff;
        if (w == 0 || hh == 0 || w > Integer.MAX_VALUE || hh > Integer.MAX_VALUE) {
            throw new IOException("image " + file + ": size " + w + "x" + hh);
        }
        ImageFolder.checkPixelCount(file, w, hh, maxPixels);
        boolean ok =
                switch (colour) {
                    case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
                    case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
                    case 2, 4, 6 -> depth == 8 || depth == 16;
                    default -> false;
                };
        if (!ok) {
            throw new IOException(
                    "image " + file + ": colour type " + colour + " with bit depth " + depth);
        }
        if (compression != 0 || filter != 0 || interlace > 1) {
            throw new IOException(
                    "image "
                            + file
                            + ": unknown compression/filter/interlace method "
                            + compression
                            + "/"
                            + filter
                            + "/"
                            + interlace);
        }
        return new Header((int) w, (int) hh, depth, colour, interlace == 1);
    }

    private static long imageBytes(Header h) throws IOException {
        long total = 0;
        if (!h.interlaced()) {
            total = h.height() * (1 + h.rowBytes(h.width()));
        } else {
            for (int[] p : ADAM7) {
                long pw = passSize(h.width(), p[0], p[2]);
                long ph = passSize(h.height(), p[1], p[3]);
                if (pw > 0 && ph > 0) {
                    total += ph * (1 + h.rowBytes((int) pw));
                }
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException(
                    "a "
                            + h.width()
                            + "x"
                            + h.height()
                            + " image of "
                            + h.bitsPerPixel()
                            + " bits per pixel does not fit one array");
        }
        return total;
    }

    private static long passSize(int size, int start, int step) {
        return size <= start ? 0 : (size - start + step - 1) / step;
    }

    private static ImageFolder.Pixels convert(Path file, Header h, byte[] palette, byte[] data)
            throws IOException {
        int w = h.width();
        int height = h.height();
        long plane = (long) w * height;
        float[] chw = new float[Math.toIntExact(3 * plane)];
        int bpp = Math.max(1, h.bitsPerPixel() / 8);
        int offset = 0;
        int[][] passes = h.interlaced() ? ADAM7 : new int[][] {{0, 0, 1, 1}};
        for (int[] p : passes) {
            int pw = (int) passSize(w, p[0], p[2]);
            int ph = (int) passSize(height, p[1], p[3]);
            if (pw == 0 || ph == 0) {
                continue;
            }
            int rb = (int) h.rowBytes(pw);
            byte[] prev = new byte[rb];
            byte[] cur = new byte[rb];
            for (int r = 0; r < ph; r++) {
                int filter = data[offset] & 0xff;
                System.arraycopy(data, offset + 1, cur, 0, rb);
                offset += 1 + rb;
                unfilter(file, filter, cur, prev, bpp);
                int y = p[1] + r * p[3];
                for (int i = 0; i < pw; i++) {
                    int x = p[0] + i * p[2];
                    int at = y * w + x;
                    pixel(h, palette, cur, i, chw, at, (int) plane);
                }
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
        }
        return new ImageFolder.Pixels(chw, height, w);
    }

    private static void unfilter(Path file, int filter, byte[] cur, byte[] prev, int bpp)
            throws IOException {
        int n = cur.length;
        switch (filter) {
            case 0 -> {}
            case 1 -> {
                for (int i = bpp; i < n; i++) {
                    cur[i] += cur[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    cur[i] += prev[i];
                }
            }
            case 3 -> {
                for (int i = 0; i < n; i++) {
                    int left = i >= bpp ? cur[i - bpp] & 0xff : 0;
                    cur[i] += (byte) ((left + (prev[i] & 0xff)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    int a = i >= bpp ? cur[i - bpp] & 0xff : 0;
                    int b = prev[i] & 0xff;
                    int c = i >= bpp ? prev[i - bpp] & 0xff : 0;
                    int pa = Math.abs(b - c);
                    int pb = Math.abs(a - c);
                    int pc = Math.abs(a + b - 2 * c);
                    int pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                    cur[i] += (byte) pred;
                }
            }
            default -> throw new IOException("image " + file + ": unknown row filter " + filter);
        }
    }

    /** Sample {@code c} of pixel {@code i} of an unfiltered row, at its own bit depth. */
    private static int sample(Header h, byte[] row, int i, int c) {
        int d = h.depth();
        if (d == 8) {
            return row[i * h.channels() + c] & 0xff;
        }
        if (d == 16) {
            int k = 2 * (i * h.channels() + c);
            return ((row[k] & 0xff) << 8) | (row[k + 1] & 0xff);
        }
        int bit = i * d; // sub-byte depths have one channel
        return ((row[bit >> 3] & 0xff) >> (8 - d - (bit & 7))) & ((1 << d) - 1);
    }

    private static void pixel(
            Header h, byte[] palette, byte[] row, int i, float[] chw, int at, int plane) {
        int r;
        int g;
        int b;
        switch (h.colour()) {
            case 0, 4 -> {
                int v = sample(h, row, i, 0);
                v =
                        switch (h.depth()) {
                            case 1 -> v * 255;
                            case 2 -> v * 85;
                            case 4 -> v * 17;
                            case 8 -> v;
                            default -> h.colour() == 0 ? Math.min(v, 255) : v >> 8;
                        };
                r = v;
                g = v;
                b = v;
            }
            case 3 -> {
                int k = sample(h, row, i, 0);
                if (3 * k + 2 < palette.length) {
                    r = palette[3 * k] & 0xff;
                    g = palette[3 * k + 1] & 0xff;
                    b = palette[3 * k + 2] & 0xff;
                } else {
                    r = 0;
                    g = 0;
                    b = 0;
                }
            }
            default -> {
                int shift = h.depth() == 16 ? 8 : 0;
                r = sample(h, row, i, 0) >> shift;
                g = sample(h, row, i, 1) >> shift;
                b = sample(h, row, i, 2) >> shift;
            }
        }
        chw[at] = r;
        chw[plane + at] = g;
        chw[2 * plane + at] = b;
    }
}

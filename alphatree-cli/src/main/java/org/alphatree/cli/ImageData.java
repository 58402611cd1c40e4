package org.alphatree.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.alphatree.metrics.ImageFolder;
import org.alphatree.metrics.Preprocessing;

/**
 * Real images for {@code gan train --data}: an IDX image file (MNIST / Fashion-MNIST, raw or .gz;
 * Debian's {@code dataset-fashion-mnist}) or a folder of png/jpg images, as grayscale {@code size ×
 * size} images in [−1, 1], sampled in random batches.
 */
final class ImageData {

    private final float[] pixels;
    private final int count;
    private final int size;
    private final Random random;

    private ImageData(float[] pixels, int count, int size, long seed) {
        this.pixels = pixels;
        this.count = count;
        this.size = size;
        this.random = new Random(seed);
    }

    static ImageData load(Path path, int size, int limit, long seed) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "--data not found");
        }
        return Files.isDirectory(path)
                ? folder(path, size, limit, seed)
                : idx(path, size, limit, seed);
    }

    private static ImageData idx(Path file, int size, int limit, long seed) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gz ? new GZIPInputStream(raw) : raw;
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            if (magic != 0x00000803) {
                throw new IOException(
                        file
                                + " is not an IDX image file (magic 0x"
                                + Integer.toHexString(magic)
                                + ", expected 0x803)");
            }
            int n = d.readInt();
            int h = d.readInt();
            int w = d.readInt();
            if (n < 1 || h < 1 || w < 1 || (long) h * w > 1 << 20) {
                throw new IOException(
                        file + ": implausible IDX dimensions " + n + "x" + h + "x" + w);
            }
            long declared = 16 + (long) n * h * w;
            if (!gz && declared != Files.size(file)) {
                // checked before anything is allocated: a 16-byte header cannot claim a billion
                throw new IOException(
                        file
                                + ": the IDX header declares "
                                + n
                                + " images of "
                                + h
                                + "x"
                                + w
                                + " ("
                                + declared
                                + " bytes) but the file holds "
                                + Files.size(file)
                                + (declared > Files.size(file) ? " (truncated?)" : ""));
            }
            int take = Math.min(n, limit);
            // read and resize in chunks of at most 16 M pixels: memory is take·size² plus one
            // chunk, whatever the header claims (a gzip's true length is known only at its end)
            int plane = h * w;
            int chunk = Math.max(1, Math.min(take, (1 << 24) / plane));
            float[] out = new float[Math.multiplyExact(take, size * size)];
            byte[] buf = new byte[plane];
            for (int first = 0; first < take; first += chunk) {
                int count = Math.min(chunk, take - first);
                float[] px = new float[count * plane];
                for (int i = 0; i < count; i++) {
                    d.readFully(buf);
                    for (int k = 0; k < plane; k++) {
                        px[i * plane + k] = (buf[k] & 0xff) / 127.5f - 1f;
                    }
                }
                float[] small = resize(px, count, h, w, size);
                System.arraycopy(small, 0, out, first * size * size, count * size * size);
            }
            return new ImageData(out, take, size, seed);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    private static ImageData folder(Path dir, int size, int limit, long seed) throws IOException {
        ImageFolder f = ImageFolder.of(dir);
        int take = Math.min(f.files().size(), limit);
        float[] out = new float[take * size * size];
        for (int i = 0; i < take; i++) {
            ImageFolder.Pixels p = ImageFolder.read(f.files().get(i));
            int plane = p.height() * p.width();
            float[] gray = new float[plane];
            for (int k = 0; k < plane; k++) {
                gray[k] =
                        (p.chw()[k] + p.chw()[plane + k] + p.chw()[2 * plane + k]) / 3f / 127.5f
                                - 1f;
            }
            System.arraycopy(
                    resize(gray, 1, p.height(), p.width(), size),
                    0,
                    out,
                    i * size * size,
                    size * size);
        }
        return new ImageData(out, take, size, seed);
    }

    private static float[] resize(float[] px, int n, int h, int w, int size) {
        if (h == size && w == size) {
            return px;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(px, new Shape(n, 1, h, w));
            return Preprocessing.resize(x, size, size, Preprocessing.PYTORCH_FID).toFloatArray();
        }
    }

    int count() {
        return count;
    }

    NDArray batch(NDManager m, int n) {
        float[] v = new float[n * size * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(
                    pixels, random.nextInt(count) * size * size, v, i * size * size, size * size);
        }
        return m.create(v, new Shape(n, 1, size, size));
    }
}

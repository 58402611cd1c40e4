package org.alphatree.blocks.weights;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Reading zip records with the integrity checks every zip-based format here shares. */
final class ZipRecords {
    private ZipRecords() {}

    /**
     * The largest compression ratio a record may claim (torch.save stores records uncompressed).
     */
    static final long MAX_RATIO = 200;

    /**
     * Reads a whole zip record, at most {@code max} bytes: the declared size must fit, a compressed
     * record may not inflate beyond {@link #MAX_RATIO} times its compressed size, the actual data
     * must match the declared size, and its CRC is always checked.
     */
    static byte[] read(ZipFile zip, ZipEntry e, long max, long fileSize) throws IOException {
        long declared = e.getSize();
        if (declared > max) {
            throw new WeightFormatException(
                    e.getName() + " is " + declared + " bytes, over the limit of " + max);
        }
        long limit = declared >= 0 ? declared : max;
        if (e.getMethod() == ZipEntry.STORED && limit > fileSize) {
            throw new WeightFormatException(
                    e.getName() + " claims " + limit + " bytes, more than the file's " + fileSize);
        }
        long packed = e.getCompressedSize();
        if (e.getMethod() != ZipEntry.STORED
                && packed >= 0
                && limit > Math.max(packed, 1) * MAX_RATIO) {
            throw new WeightFormatException(
                    e.getName()
                            + " inflates "
                            + packed
                            + " bytes to "
                            + limit
                            + ", a ratio over "
                            + MAX_RATIO
                            + ": a zip bomb?");
        }
        if (limit > Integer.MAX_VALUE - 16) {
            throw new WeightFormatException(e.getName() + " is too large (" + limit + " bytes)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) limit);
            if (declared >= 0 && b.length < declared) {
                throw new WeightFormatException(
                        "zip record "
                                + e.getName()
                                + " is truncated: "
                                + b.length
                                + " of "
                                + declared
                                + " bytes");
            }
            if (in.read() != -1) {
                throw new WeightFormatException(
                        "zip record " + e.getName() + " holds more data than it declares");
            }
            if (e.getCrc() != -1) {
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(b);
                if (crc.getValue() != e.getCrc()) {
                    throw new WeightFormatException(
                            "corrupt zip record " + e.getName() + ": CRC mismatch");
                }
            }
            return b;
        } catch (ZipException | java.io.EOFException ze) {
            throw new WeightFormatException(
                    "corrupt zip record " + e.getName() + ": " + ze.getMessage(), ze);
        }
    }

    /**
     * Refuses an archive with two records of one name (which one a reader takes differs: torch
     * takes the first, java.util.zip the last).
     */
    static void checkUnique(ZipFile zip, String file) throws WeightFormatException {
        Set<String> names = new HashSet<>();
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
            String name = en.nextElement().getName();
            if (!names.add(name)) {
                throw new WeightFormatException(
                        file + ": the zip has two records named '" + name + "' (ambiguous)");
            }
        }
    }
}

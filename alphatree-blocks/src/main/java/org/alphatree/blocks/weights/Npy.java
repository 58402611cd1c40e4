package org.alphatree.blocks.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy {@code .npy} arrays (format 1.0–3.0, C order, little-endian numeric dtypes) and
 * {@code .npz} archives, and writes float32 {@code .npy}; all reads are bounds-checked.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** A decoded array: dtype descriptor, shape and values widened to double. */
    public record Array(String dtype, long[] shape, double[] data) {
        /**
         * Returns the values as float.
         *
         * @return the values
         */
        public float[] toFloats() {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return f;
        }
    }

    /**
     * Reads one {@code .npy} array.
     *
     * @param in the stream, positioned at the magic string
     * @param maxBytes the largest data size accepted
     * @return the array
     * @throws IOException if the stream is not a supported, well-formed .npy
     */
    public static Array read(InputStream in, long maxBytes) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) {
            throw new IOException("not a .npy file: too short");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException("not a .npy file: bad magic string");
            }
        }
        int major = magic[6];
        int headerLen;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            if (l.length < 2) {
                throw new IOException("truncated .npy header");
            }
            headerLen = (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            if (l.length < 4) {
                throw new IOException("truncated .npy header");
            }
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new IOException("unsupported .npy version " + major);
        }
        if (headerLen < 0 || headerLen > 1 << 20) {
            throw new IOException("invalid .npy header length " + headerLen);
        }
        byte[] hb = in.readNBytes(headerLen);
        if (hb.length < headerLen) {
            throw new IOException("truncated .npy header");
        }
        String header = new String(hb, StandardCharsets.ISO_8859_1);
        for (String key : new String[] {"descr", "fortran_order", "shape"}) {
            int first = header.indexOf("'" + key + "'");
            if (first >= 0 && header.indexOf("'" + key + "'", first + 1) >= 0) {
                // Python's literal_eval keeps the last; a reader taking the first would read
                // other bytes than numpy does
                throw new IOException(
                        "malformed .npy header: the key '"
                                + key
                                + "' appears twice: "
                                + header.trim());
            }
        }
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IOException("malformed .npy header: " + header.trim());
        }
        boolean fortran = o.group(1).equals("True");
        String dtype = d.group(1);
        int itemSize = itemSize(dtype);
        String dims = s.group(1).trim();
        long[] shape;
        try {
            shape =
                    dims.isEmpty()
                            ? new long[0]
                            : java.util.Arrays.stream(dims.split(","))
                                    .map(String::trim)
                                    .filter(x -> !x.isEmpty())
                                    .mapToLong(Long::parseLong)
                                    .toArray();
        } catch (NumberFormatException e) {
            throw new IOException(
                    "malformed .npy shape (" + dims + "): dimensions must be plain integers", e);
        }
        long count = 1;
        for (long x : shape) {
            if (x < 0) {
                throw new IOException("negative dimension in .npy shape");
            }
            count = Math.multiplyExact(count, x);
        }
        long bytes = Math.multiplyExact(count, (long) itemSize);
        if (bytes > maxBytes || bytes > Integer.MAX_VALUE - 16) {
            throw new IOException(
                    "the .npy header declares "
                            + bytes
                            + " bytes of data, more than the "
                            + Math.min(maxBytes, Integer.MAX_VALUE - 16)
                            + " this file or limit allows (truncated or corrupt)");
        }
        byte[] raw = in.readNBytes((int) bytes);
        if (raw.length < bytes) {
            throw new IOException(
                    "truncated .npy data: expected " + bytes + " bytes, got " + raw.length);
        }
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] =
                    switch (dtype.substring(1)) {
                        case "f4" -> bb.getFloat();
                        case "f8" -> bb.getDouble();
                        case "f2" -> TensorData.halfToFloat(bb.getShort());
                        case "i8" -> bb.getLong();
                        case "i4" -> bb.getInt();
                        case "i2" -> bb.getShort();
                        case "i1" -> bb.get();
                        case "u1", "b1" -> bb.get() & 0xff;
                        default -> throw new IOException("unsupported dtype " + dtype);
                    };
        }
        return new Array(dtype, shape, fortran ? toRowMajor(data, shape) : data);
    }

    /** Reorders column-major (Fortran) data to row-major. */
    private static double[] toRowMajor(double[] data, long[] shape) {
        int nd = shape.length;
        if (nd < 2) {
            return data;
        }
        double[] out = new double[data.length];
        int[] idx = new int[nd];
        for (int k = 0; k < data.length; k++) {
            // idx is the row-major multi-index of k; its column-major offset is the source
            long src = 0;
            long mul = 1;
            for (int i = 0; i < nd; i++) {
                src += idx[i] * mul;
                mul *= shape[i];
            }
            out[k] = data[(int) src];
            for (int i = nd - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return out;
    }

    private static int itemSize(String dtype) throws IOException {
        if (dtype.length() < 3 || dtype.charAt(0) == '>') {
            throw new IOException(
                    "unsupported .npy dtype '" + dtype + "' (little-endian numeric only)");
        }
        return switch (dtype.substring(1)) {
            case "f4", "i4" -> 4;
            case "f2" -> 2;
            case "f8", "i8" -> 8;
            case "i2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new IOException("unsupported .npy dtype '" + dtype + "'");
        };
    }

    /**
     * Reads every array of an {@code .npz} archive.
     *
     * @param in the stream
     * @param maxBytes the largest single array accepted
     * @return arrays by name (without the {@code .npy} suffix), in archive order
     * @throws IOException if an entry is not a well-formed .npy
     */
    public static Map<String, Array> readNpz(InputStream in, long maxBytes) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName();
                if (name.endsWith(".npy")) {
                    name = name.substring(0, name.length() - 4);
                }
                out.put(name, read(zip, maxBytes));
            }
        }
        return out;
    }

    /**
     * Reads every array of an {@code .npz} file through its central directory: the file must be a
     * zip, record names unique, every record whole and its CRC right; each error names the file and
     * the record.
     *
     * @param path the file
     * @param maxBytes the largest single array accepted
     * @return arrays by name (without the {@code .npy} suffix), in archive order
     * @throws IOException if the file is not a well-formed .npz
     */
    public static Map<String, Array> readNpz(java.nio.file.Path path, long maxBytes)
            throws IOException {
        long size = java.nio.file.Files.size(path);
        Map<String, Array> out = new LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(path.toFile())) {
            ZipRecords.checkUnique(zip, path.toString());
            for (var en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                byte[] raw =
                        ZipRecords.read(
                                zip,
                                e,
                                Math.min(maxBytes + (1 << 20), Integer.MAX_VALUE - 16),
                                size);
                try {
                    out.put(
                            name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name,
                            read(new java.io.ByteArrayInputStream(raw), maxBytes));
                } catch (IOException x) {
                    throw new WeightFormatException(
                            path + ", record " + name + ": " + x.getMessage(), x);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new WeightFormatException(
                    path + " is not a readable .npz (a zip of .npy records): " + e.getMessage(), e);
        } catch (WeightFormatException e) {
            throw e.getMessage().startsWith(path.toString())
                    ? e
                    : new WeightFormatException(path + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes a float32 {@code .npy} (format 1.0).
     *
     * @param out the stream
     * @param shape the shape
     * @param data row-major values
     * @throws IOException on a write error
     */
    public static void writeFloat32(OutputStream out, long[] shape, float[] data)
            throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            bb.putFloat(f);
        }
        writeRaw(out, "<f4", shape, bb.array());
    }

    /**
     * Writes a float64 {@code .npy} (format 1.0).
     *
     * @param out the stream
     * @param shape the shape
     * @param data row-major values
     * @throws IOException on a write error
     */
    public static void writeFloat64(OutputStream out, long[] shape, double[] data)
            throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : data) {
            bb.putDouble(d);
        }
        writeRaw(out, "<f8", shape, bb.array());
    }

    private static void writeRaw(OutputStream out, String descr, long[] shape, byte[] data)
            throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(',');
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 1);
        }
        String header =
                "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        // one write: the stream may be unbuffered
        ByteArrayOutputStream bos = new ByteArrayOutputStream(10 + header.length() + data.length);
        bos.write(MAGIC);
        bos.write(1);
        bos.write(0);
        bos.write(header.length() & 0xff);
        bos.write(header.length() >> 8 & 0xff);
        bos.write(header.getBytes(StandardCharsets.ISO_8859_1));
        bos.write(data);
        out.write(bos.toByteArray());
    }

    /**
     * Writes float64 arrays as an {@code .npz} archive (uncompressed), as {@code numpy.savez}.
     *
     * @param out the stream
     * @param arrays name to (shape, values)
     * @throws IOException on a write error
     */
    public static void writeNpz(OutputStream out, Map<String, Map.Entry<long[], double[]>> arrays)
            throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, Map.Entry<long[], double[]>> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                writeFloat64(zip, e.getValue().getKey(), e.getValue().getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * Writes a tensor as {@code .npy}, keeping its dtype (bfloat16, which NumPy lacks, is
     * rejected).
     *
     * @param out the stream
     * @param t the tensor
     * @throws IOException on a write error or for bfloat16
     */
    public static void write(OutputStream out, TensorData t) throws IOException {
        String descr = t.dtype().numpyDescr();
        if (descr == null) {
            throw new IOException(
                    "NumPy has no "
                            + t.dtype().torchName()
                            + "; convert to float32 or use safetensors");
        }
        writeRaw(out, descr, t.shape(), t.rawBytes());
    }

    /**
     * Writes tensors as an {@code .npz} archive (uncompressed), keeping names and dtypes.
     *
     * @param out the stream
     * @param tensors tensors by name
     * @throws IOException on a write error
     */
    public static void writeNpzTensors(OutputStream out, Map<String, TensorData> tensors)
            throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                write(zip, e.getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * Converts a decoded array to a tensor of its own dtype.
     *
     * @param a the array
     * @return the tensor
     */
    public static TensorData toTensor(Array a) {
        DType dt =
                switch (a.dtype().substring(1)) {
                    case "f4" -> DType.FLOAT32;
                    case "f8" -> DType.FLOAT64;
                    case "f2" -> DType.FLOAT16;
                    case "i8" -> DType.INT64;
                    case "i4" -> DType.INT32;
                    case "i2" -> DType.INT16;
                    case "i1" -> DType.INT8;
                    case "u1" -> DType.UINT8;
                    default -> DType.BOOL;
                };
        ByteBuffer bb =
                ByteBuffer.allocate(a.data().length * dt.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a.data()) {
            switch (dt) {
                case FLOAT32 -> bb.putFloat((float) v);
                case FLOAT64 -> bb.putDouble(v);
                case FLOAT16 -> bb.putShort(floatToHalf((float) v));
                case INT64 -> bb.putLong((long) v);
                case INT32 -> bb.putInt((int) v);
                case INT16 -> bb.putShort((short) v);
                default -> bb.put((byte) v);
            }
        }
        return new TensorData(dt, a.shape(), bb.array());
    }

    /** Float to IEEE half (round to nearest even; exact for values that came from a half). */
    static short floatToHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (((bits >>> 23) & 0xff) == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        if (exp >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = sign | (exp << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) half;
    }
}

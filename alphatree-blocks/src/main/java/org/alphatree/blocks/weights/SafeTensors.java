package org.alphatree.blocks.weights;

import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header
 * {@code {name: {dtype, shape, data_offsets}}}, then the raw data), bounds-checked: offsets must
 * lie inside the file and match the dtype and shape.
 */
public final class SafeTensors {
    private SafeTensors() {}

    private static final long MAX_HEADER = 100L << 20;

    /**
     * Reads every tensor of a safetensors file.
     *
     * @param path the file
     * @return tensors by name, in header order
     * @throws WeightFormatException if the file is malformed
     * @throws IOException if it cannot be read
     */
    public static Map<String, TensorData> read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new WeightFormatException(path + " is too short for safetensors");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || headerLen > size - 8) {
                throw new WeightFormatException(
                        "safetensors header length "
                                + headerLen
                                + " is invalid for a file of "
                                + size
                                + " bytes");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            JsonObject header;
            try {
                header =
                        JsonUtils.GSON.fromJson(
                                new String(hb.array(), StandardCharsets.UTF_8), JsonObject.class);
            } catch (JsonParseException e) {
                throw new WeightFormatException(
                        "safetensors header is not valid JSON: " + e.getMessage(), e);
            }
            if (header == null) {
                throw new WeightFormatException("safetensors header is empty");
            }
            long dataStart = 8 + headerLen;
            long dataSize = size - dataStart;
            // validate every entry first, and that the entries tile the data exactly as the
            // format requires (no gaps, no overlaps): nothing is allocated for a header that
            // points 100,000 entries at the same bytes
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                try {
                    entries.add(entry(e.getKey(), e.getValue()));
                } catch (WeightFormatException x) {
                    throw new WeightFormatException(path + ": " + x.getMessage(), x);
                }
            }
            List<Entry> byOffset = new ArrayList<>(entries);
            byOffset.sort(
                    java.util.Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            long at = 0;
            for (Entry e : byOffset) {
                if (e.begin() != at) {
                    throw new WeightFormatException(
                            path
                                    + ": tensor '"
                                    + e.name()
                                    + "' starts at byte "
                                    + e.begin()
                                    + " of the data, where "
                                    + (e.begin() < at
                                            ? "another tensor's bytes lie"
                                            : "a gap of " + (e.begin() - at) + " bytes ends")
                                    + " (tensors must tile the data without overlap)");
                }
                if (e.end() > dataSize) {
                    throw new WeightFormatException(
                            path
                                    + ": tensor '"
                                    + e.name()
                                    + "' ends at byte "
                                    + e.end()
                                    + " but the data section holds "
                                    + dataSize
                                    + " (truncated file?)");
                }
                at = e.end();
            }
            if (at != dataSize) {
                throw new WeightFormatException(
                        path
                                + ": the tensors cover "
                                + at
                                + " bytes but the data section holds "
                                + dataSize
                                + (at > dataSize ? " (truncated file?)" : ""));
            }
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer b = ByteBuffer.allocate((int) (e.end() - e.begin()));
                readFully(ch, b, dataStart + e.begin());
                out.put(e.name(), new TensorData(e.dtype(), e.shape(), b.array()));
            }
            return out;
        }
    }

    /** A validated header entry. */
    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static Entry entry(String name, JsonElement el) throws WeightFormatException {
        try {
            JsonObject o = el.getAsJsonObject();
            DType dtype = DType.ofSafetensors(o.get("dtype").getAsString());
            if (dtype == null) {
                throw new WeightFormatException(
                        "tensor '" + name + "': unsupported dtype " + o.get("dtype"));
            }
            JsonArray sh = o.getAsJsonArray("shape");
            long[] shape = new long[sh.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = count(sh.get(i), name, "shape");
            }
            JsonArray off = o.getAsJsonArray("data_offsets");
            if (off.size() != 2) {
                throw new WeightFormatException(
                        "tensor '" + name + "': data_offsets must be [begin, end]");
            }
            long begin = count(off.get(0), name, "data_offsets");
            long end = count(off.get(1), name, "data_offsets");
            long need = Math.multiplyExact(TensorData.numel(shape), (long) dtype.size());
            if (end < begin || end - begin != need) {
                throw new WeightFormatException(
                        "tensor '"
                                + name
                                + "': data_offsets ["
                                + begin
                                + ", "
                                + end
                                + "] do not hold its "
                                + need
                                + " bytes");
            }
            if (need > Integer.MAX_VALUE - 16) {
                throw new WeightFormatException("tensor '" + name + "' is too large");
            }
            return new Entry(name, dtype, shape, begin, end);
        } catch (IllegalStateException
                | NullPointerException
                | IndexOutOfBoundsException
                | UnsupportedOperationException
                | ArithmeticException
                | IllegalArgumentException e) {
            throw new WeightFormatException(
                    "tensor '" + name + "': malformed header entry (" + e.getMessage() + ")", e);
        }
    }

    /** A JSON non-negative integer, written as one: not 4.9, "4", 4e0 or 2^64 + 4. */
    private static long count(JsonElement el, String name, String field)
            throws WeightFormatException {
        String text =
                el != null && el.isJsonPrimitive() && el.getAsJsonPrimitive().isNumber()
                        ? el.getAsJsonPrimitive().getAsNumber().toString()
                        : null;
        if (text == null || !text.matches("0|[1-9][0-9]{0,18}")) {
            throw new WeightFormatException(
                    "tensor '"
                            + name
                            + "': "
                            + field
                            + " holds "
                            + el
                            + ", not a non-negative integer");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new WeightFormatException(
                    "tensor '" + name + "': " + field + " value " + text + " is too large", e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new WeightFormatException("truncated safetensors file");
            }
        }
    }

    /**
     * Writes tensors as safetensors, in the given order, with {@code __metadata__ {"format": "pt"}}
     * as {@code safetensors.torch.save_file} does.
     *
     * @param path the file to write
     * @param tensors tensors by name
     * @throws IOException on a write error
     */
    public static void write(Path path, Map<String, TensorData> tensors) throws IOException {
        StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        List<byte[]> blobs = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            TensorData t = e.getValue();
            h.append(',')
                    .append(JsonUtils.GSON.toJson(e.getKey()))
                    .append(":{\"dtype\":\"")
                    .append(t.dtype().safetensorsName())
                    .append("\",\"shape\":[");
            long[] s = t.shape();
            for (int i = 0; i < s.length; i++) {
                h.append(i == 0 ? "" : ",").append(s[i]);
            }
            long end = offset + t.rawBytes().length;
            h.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
            blobs.add(t.rawBytes());
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - header.length % 8) % 8;
        try (OutputStream out = Files.newOutputStream(path)) {
            ByteBuffer len =
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(header.length + pad);
            out.write(len.array());
            out.write(header);
            out.write(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
            for (byte[] b : blobs) {
                out.write(b);
            }
        }
    }
}

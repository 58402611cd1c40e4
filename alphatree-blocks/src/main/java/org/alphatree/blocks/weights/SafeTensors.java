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
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), entry(ch, e.getKey(), e.getValue(), dataStart, dataSize));
            }
            return out;
        }
    }

    private static TensorData entry(
            FileChannel ch, String name, JsonElement el, long dataStart, long dataSize)
            throws IOException {
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
                shape[i] = sh.get(i).getAsLong();
            }
            JsonArray off = o.getAsJsonArray("data_offsets");
            long begin = off.get(0).getAsLong();
            long end = off.get(1).getAsLong();
            long need = Math.multiplyExact(TensorData.numel(shape), (long) dtype.size());
            if (begin < 0 || end < begin || end > dataSize || end - begin != need) {
                throw new WeightFormatException(
                        "tensor '"
                                + name
                                + "': data_offsets ["
                                + begin
                                + ", "
                                + end
                                + "] do not fit "
                                + need
                                + " bytes within "
                                + dataSize);
            }
            if (need > Integer.MAX_VALUE - 16) {
                throw new WeightFormatException("tensor '" + name + "' is too large");
            }
            ByteBuffer b = ByteBuffer.allocate((int) need);
            readFully(ch, b, dataStart + begin);
            return new TensorData(dtype, shape, b.array());
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

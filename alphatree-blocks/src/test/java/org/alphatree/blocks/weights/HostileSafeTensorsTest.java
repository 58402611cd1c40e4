package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Crafted safetensors headers: refused before any tensor is allocated, naming file and tensor. */
class HostileSafeTensorsTest {

    @TempDir Path tmp;

    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path p = tmp.resolve("t.safetensors");
        Files.write(p, b.array());
        return p;
    }

    private String refused(String header, int dataBytes) throws IOException {
        Path p = file(header, dataBytes);
        WeightFormatException e =
                assertThrows(WeightFormatException.class, () -> SafeTensors.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void manyEntriesOnTheSameBytesAreRefused() throws IOException {
        StringBuilder h = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            h.append(i == 0 ? "" : ",")
                    .append("\"t")
                    .append(i)
                    .append("\":{\"dtype\":\"F32\",\"shape\":[16384],\"data_offsets\":[0,65536]}");
        }
        String m = refused(h.append('}').toString(), 65536);
        assertTrue(m.contains("without overlap"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.9", "\"4\"", "18446744073709551620", "4e0", "-4"})
    void dimensionsMustBeIntegers(String dim) throws IOException {
        String m =
                refused(
                        "{\"t\":{\"dtype\":\"F32\",\"shape\":["
                                + dim
                                + "],\"data_offsets\":[0,16]}}",
                        16);
        assertTrue(m.contains("tensor 't'") && m.contains("shape holds"), m);
    }

    @Test
    void gapsAndShortDataAreRefused() throws IOException {
        assertTrue(
                refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16)
                        .contains("a gap of 8 bytes"));
        assertTrue(
                refused("{\"t\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8)
                        .contains("truncated"));
    }

    @Test
    void aWellFormedFileStillLoads() throws IOException {
        Path p =
                file(
                        "{\"__metadata__\":{\"format\":\"pt\"},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                        12);
        var sd = SafeTensors.read(p);
        assertEquals(java.util.List.of("b", "a"), java.util.List.copyOf(sd.keySet()));
        assertEquals(2, sd.get("a").shape()[0]);
        // an empty tensor may share its offset with the next one
        Path empty =
                file(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}",
                        8);
        assertEquals(0, SafeTensors.read(empty).get("e").shape()[0]);
    }
}

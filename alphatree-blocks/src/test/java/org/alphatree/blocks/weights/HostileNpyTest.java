package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted .npy and .npz files: one clear error naming file, record and problem. */
class HostileNpyTest {

    @TempDir Path tmp;

    private static byte[] npy(String header, int dataBytes) {
        String h = header + " ".repeat((64 - (10 + header.length() + 1) % 64) % 64) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.write(h.length() & 0xff);
        b.write(h.length() >> 8);
        b.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(new byte[dataBytes]);
        return b.toByteArray();
    }

    private static String npyError(byte[] file) {
        IOException e =
                assertThrows(
                        IOException.class, () -> Npy.read(new ByteArrayInputStream(file), 1 << 20));
        return e.getMessage();
    }

    @Test
    void headerKeysAppearOnce() {
        String m =
                npyError(
                        npy(
                                "{'descr': '<f4', 'descr': '<f8', 'fortran_order': False,"
                                        + " 'shape': (2,), }",
                                16));
        assertTrue(m.contains("'descr' appears twice"), m);
    }

    @Test
    void shapesArePlainIntegers() {
        String m = npyError(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1L,), }", 4));
        assertTrue(m.contains("malformed .npy shape (1L,)"), m);
        assertTrue(!m.contains("For input string"), m);
    }

    @Test
    void aTruncatedArraySaysSo() {
        String m =
                assertThrows(
                                IOException.class,
                                () ->
                                        Npy.read(
                                                new ByteArrayInputStream(
                                                        npy(
                                                                "{'descr': '<f4', 'fortran_order':"
                                                                        + " False, 'shape': (4,), }",
                                                                8)),
                                                1 << 20))
                        .getMessage();
        assertTrue(m.contains("truncated"), m);
    }

    private Path npz(String name, byte[]... records) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream f = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(f)) {
            for (int i = 0; i < records.length; i++) {
                z.putNextEntry(new ZipEntry("a" + i + ".npy"));
                z.write(records[i]);
                z.closeEntry();
            }
        }
        return p;
    }

    private static String weightsError(Path p, String key) {
        IOException e = assertThrows(IOException.class, () -> Weights.read(p, key));
        assertTrue(e.getMessage().contains(p.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aTextFileNamedNpzIsNotAZip() throws IOException {
        Path p = tmp.resolve("text.npz");
        Files.writeString(p, "hello, these are not arrays\n");
        assertTrue(weightsError(p, null).contains("not a readable .npz"));
    }

    @Test
    void aTruncatedNpzIsAnError() throws IOException {
        byte[] a = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (256,), }", 1024);
        Path p = npz("full.npz", a, a, a);
        byte[] b = Files.readAllBytes(p);
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(b, b.length * 2 / 3));
        weightsError(cut, null);
        assertEquals(3, Weights.read(p, null).size(), "the whole file still loads");
    }

    @Test
    void aBadRecordNamesTheRecord() throws IOException {
        byte[] good = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8);
        byte[] bad = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2x,), }", 8);
        String m = weightsError(npz("bad.npz", good, bad), null);
        assertTrue(m.contains("record a1.npy"), m);
    }

    @Test
    void aKeyOnAFlatFileIsAnError() throws IOException {
        byte[] good = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8);
        String m = weightsError(npz("flat.npz", good), "state_dict");
        assertTrue(m.contains("sub-dict key 'state_dict' applies to PyTorch checkpoints only"), m);
    }
}

package org.alphatree.blocks.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile checkpoints, crafted opcode by opcode: each is tiny, and each must give one {@link
 * WeightFormatException} naming the problem (never an OutOfMemoryError, a StackOverflowError or a
 * hang), or load with shared data kept shared.
 */
class HostileCheckpointTest {

    @TempDir Path tmp;

    /** A minimal pickle writer for the opcodes torch.save uses. */
    static final class Pickle {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X').i32(b.length);
            out.writeBytes(b);
            return this;
        }

        Pickle i32(long v) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >> (8 * i)) & 0xff);
            }
            return this;
        }

        Pickle intOp(long v) {
            return op('J').i32(v);
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** Pushes {@code _rebuild_tensor_v2(storage "0" of numel floats, offset, size, stride)}. */
        Pickle tensor(long numel, long offset, long[] size, long[] stride) {
            global("torch._utils", "_rebuild_tensor_v2").op('(');
            op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu");
            intOp(numel).op('t', 'Q');
            intOp(offset);
            op('(');
            for (long s : size) {
                intOp(s);
            }
            op('t', '(');
            for (long s : stride) {
                intOp(s);
            }
            return op('t', 't', 'R');
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Writes a torch-style zip checkpoint (records stored, as torch.save does). */
    private Path zip(String name, byte[] pkl, byte[] storage) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream f = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(f)) {
            stored(z, "archive/data.pkl", pkl);
            if (storage != null) {
                stored(z, "archive/data/0", storage);
            }
        }
        return p;
    }

    private static void stored(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    private static String refused(Path p) {
        WeightFormatException e =
                assertThrows(
                        WeightFormatException.class, () -> TorchCheckpoint.read(p).stateDict(null));
        return e.getMessage();
    }

    /** One 4 MB tensor referenced 2,000 times through the memo loads as one shared copy. */
    @Test
    void memoSharedTensorStaysShared() throws IOException {
        int numel = 1 << 20;
        Pickle p = new Pickle().op(0x80, 2, '}');
        p.str("w0").tensor(numel, 0, new long[] {numel}, new long[] {1}).op('q', 1).op('s');
        for (int i = 1; i < 2000; i++) {
            p.str("w" + i).op('h', 1).op('s');
        }
        Path f = zip("shared.pt", p.op('.').bytes(), new byte[numel * 4]);
        Map<String, TensorData> sd = TorchCheckpoint.read(f).stateDict(null);
        assertEquals(2000, sd.size());
        assertSame(sd.get("w0"), sd.get("w1999"), "memo sharing keeps one copy");
    }

    @Test
    void expandedViewBombIsOverTheBudget() throws IOException {
        byte[] pkl =
                new Pickle()
                        .op(0x80, 2, '}')
                        .str("w")
                        .tensor(1, 0, new long[] {16384, 16384}, new long[] {0, 0})
                        .op('s', '.')
                        .bytes();
        String m = refused(zip("expanded.pt", pkl, new byte[4]));
        assertTrue(
                m.contains("over the budget") && m.contains(TorchCheckpoint.MAX_BYTES_PROPERTY), m);
    }

    @Test
    void aListThatContainsItselfIsACycle() throws IOException {
        // {"a": L} with L.append(L)
        byte[] pkl =
                new Pickle()
                        .op(0x80, 2, '}')
                        .str("a")
                        .op(']', 'q', 0, 'h', 0, 'a', 's', '.')
                        .bytes();
        assertTrue(refused(zip("cycle.pt", pkl, null)).contains("cycle"));
    }

    @Test
    void aListAsDictKeyIsUnhashable() throws IOException {
        // {L: 1} with L.append(L): Python raises "unhashable type: 'list'"
        byte[] pkl =
                new Pickle()
                        .op(0x80, 2, '}')
                        .op(']', 'q', 0, 'h', 0, 'a')
                        .op('K', 1, 's', '.')
                        .bytes();
        assertTrue(
                refused(zip("key.pt", pkl, null))
                        .contains("unhashable dict key of type ArrayList"));
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() throws IOException {
        Pickle p = new Pickle().op(0x80, 2, '}').str("a");
        int depth = 100_000;
        for (int i = 0; i < depth; i++) {
            p.op(']');
        }
        for (int i = 1; i < depth; i++) {
            p.op('a');
        }
        String m = refused(zip("deep.pt", p.op('s', '.').bytes(), null));
        assertTrue(m.contains("deeper than " + TorchCheckpoint.MAX_DEPTH), m);
    }

    /** Many MARK/TUPLE pairs over a deep stack: linear, not the quadratic copy it used to be. */
    @Test
    void markRunsAreLinear() throws IOException {
        Pickle p = new Pickle().op(0x80, 2, '(');
        for (int i = 0; i < 200_000; i++) {
            p.op('(', 't'); // an empty tuple, over a stack that keeps growing
        }
        Path f = zip("marks.pt", p.op('t', '.').bytes(), null);
        String m = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(f));
        assertTrue(m.contains("holds no tensors"), m);
    }

    @Test
    void alteredStorageBytesFailTheCrc() throws IOException {
        byte[] pkl =
                new Pickle()
                        .op(0x80, 2, '}')
                        .str("w")
                        .tensor(4, 0, new long[] {4}, new long[] {1})
                        .op('s', '.')
                        .bytes();
        byte[] data = new byte[16];
        Path f = zip("crc.pt", pkl, data);
        byte[] b = Files.readAllBytes(f);
        // the storage's bytes are the 16 zeros after its local header: flip one
        int at = indexOf(b, "archive/data/0".getBytes(StandardCharsets.US_ASCII)) + 14;
        while (b[at] != 0) {
            at++;
        }
        b[at + 3] = 7;
        Files.write(f, b);
        assertTrue(refused(f).contains("CRC mismatch"));
    }

    @Test
    void duplicateRecordsAreAmbiguous() throws IOException {
        Path p = tmp.resolve("dup.pt");
        try (OutputStream f = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(f)) {
            stored(z, "archive/data.pkl", new Pickle().op(0x80, 2, '}', '.').bytes());
            stored(z, "archive/data/0", new byte[4]);
            stored(z, "archive/data/1", new byte[4]);
        }
        byte[] b = Files.readAllBytes(p);
        byte[] from = "archive/data/1".getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(b, from); i >= 0; i = indexOf(b, from)) {
            b[i + from.length - 1] = '0'; // in the local header and the central directory
        }
        Files.write(p, b);
        assertTrue(refused(p).contains("two records named 'archive/data/0'"));
    }

    @Test
    void deflatedPickleBombIsRefused() throws IOException {
        Path p = tmp.resolve("bomb.pt");
        try (OutputStream f = Files.newOutputStream(p);
                ZipOutputStream z = new ZipOutputStream(f)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(new byte[32 << 20]); // 32 MiB of zeros deflate to ~32 KB
            z.closeEntry();
        }
        assertTrue(Files.size(p) < 100_000);
        assertTrue(refused(p).contains("zip bomb"));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package org.alphatree.blocks.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The reader fuzz loop every {@code *FuzzTest} shares: every prefix of a valid file, then seeded
 * mutations of 1 to {@code maxFlips} bytes (half of them extreme values, the kind that make a
 * header lie), each written to {@code scratch} and read; the reader may accept it or throw an
 * {@link IOException}, anything else fails the test.
 */
public final class Fuzz {
    private Fuzz() {}

    /** A reader of one file. */
    @FunctionalInterface
    public interface Reader {
        /**
         * Reads the file.
         *
         * @param file the file
         * @throws IOException if it is refused
         */
        void read(Path file) throws IOException;
    }

    /**
     * Runs the loop.
     *
     * @param valid the valid file's bytes
     * @param scratch where each input is written
     * @param seed the mutation seed
     * @param mutations how many mutations
     * @param maxFlips the most bytes one mutation changes
     * @param fix applied to even-numbered mutations before writing (e.g. recompute checksums), or
     *     null
     * @param reader the reader under test
     * @param onRefusal checks each refusal (e.g. that it names the file), or null
     * @return how many inputs were refused
     * @throws IOException if the scratch file cannot be written
     */
    public static int run(
            byte[] valid,
            Path scratch,
            long seed,
            int mutations,
            int maxFlips,
            Consumer<byte[]> fix,
            Reader reader,
            Consumer<IOException> onRefusal)
            throws IOException {
        int rejected = 0;
        for (int len = 0; len < valid.length; len++) {
            Files.write(scratch, Arrays.copyOf(valid, len));
            rejected += attempt(reader, scratch, "prefix of " + len + " bytes", onRefusal);
        }
        Random r = new Random(seed);
        for (int i = 0; i < mutations; i++) {
            byte[] b = valid.clone();
            int flips = 1 + r.nextInt(maxFlips);
            for (int k = 0; k < flips; k++) {
                int at = r.nextInt(b.length);
                b[at] =
                        r.nextBoolean()
                                ? (byte) r.nextInt(256)
                                : (byte) (r.nextBoolean() ? 0xff : 0x7f);
            }
            if (fix != null && i % 2 == 0) {
                fix.accept(b);
            }
            Files.write(scratch, b);
            rejected += attempt(reader, scratch, "mutation " + i, onRefusal);
        }
        return rejected;
    }

    private static int attempt(
            Reader reader, Path p, String what, Consumer<IOException> onRefusal) {
        try {
            reader.read(p);
            return 0;
        } catch (IOException expected) {
            if (onRefusal != null) {
                onRefusal.accept(expected);
            }
            return 1;
        } catch (Throwable t) {
            fail(what + " of " + p.getFileName() + ": " + t, t);
            return 0;
        }
    }
}

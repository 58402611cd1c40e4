package org.alphatree.blocks.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download cache against a loopback HTTP server: every case of the torch.hub contract. */
class HubCacheTest {

    @TempDir Path dir;
    private LoopbackServer server;
    private byte[] bytes;
    private String sha;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
        bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HubCache cache() {
        return HubCache.builder().optDirectory(dir).optOffline(false).build();
    }

    private List<String> files() throws IOException {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void downloadsVerifiesAndRenamesOnce() throws Exception {
        String url = server.serve("/models/net-" + sha.substring(0, 8) + ".pth", bytes);
        List<Long> seen = new ArrayList<>();
        Progress progress = new Recorder(seen);
        Path p =
                cache().fetch(
                                url,
                                "net-" + sha.substring(0, 8) + ".pth",
                                sha.substring(0, 8),
                                progress);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals(dir.resolve("net-" + sha.substring(0, 8) + ".pth"), p);
        assertEquals(
                List.of(
                        "net-" + sha.substring(0, 8) + ".pth",
                        "net-" + sha.substring(0, 8) + ".pth.lock"),
                files());
        assertEquals((long) bytes.length, seen.get(seen.size() - 1), "progress reached the end");
        assertEquals(bytes.length, ((Recorder) progress).max, "progress knew the size");
        // cached: no second request, still verified
        cache().fetch(url, "net-" + sha.substring(0, 8) + ".pth", sha, null);
        assertEquals(1, server.requests().size(), server.requests().toString());
    }

    @Test
    void aHashMismatchNamesBothHashesAndDeletesOnlyTheDownload() throws Exception {
        Files.writeString(dir.resolve("other.pth"), "keep me");
        String url = server.serve("/net-deadbeef.pth", bytes);
        HashMismatchException e =
                assertThrows(
                        HashMismatchException.class,
                        () -> cache().fetch(url, "net-deadbeef.pth", "deadbeef", null));
        assertTrue(
                e.getMessage().contains("deadbeef") && e.getMessage().contains(sha),
                e.getMessage());
        assertEquals(sha, e.actual());
        assertEquals(List.of("net-deadbeef.pth.lock", "other.pth"), files());
        assertEquals("keep me", Files.readString(dir.resolve("other.pth")));
    }

    @Test
    void aCachedFileWithWrongBytesIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("net.pth");
        Files.write(file, new byte[] {1, 2, 3});
        String wrong = HubCache.sha256(file);
        HashMismatchException e =
                assertThrows(
                        HashMismatchException.class,
                        () -> cache().fetch(server.url("/net.pth"), "net.pth", sha, null));
        assertTrue(e.getMessage().contains(sha) && e.getMessage().contains(wrong), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of(), server.requests());
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhatToFetchFromWhere() {
        HubCache offline = HubCache.builder().optDirectory(dir).optOffline(true).build();
        String url = server.serve("/net.pth", bytes);
        NoSuchFileException e =
                assertThrows(
                        NoSuchFileException.class, () -> offline.fetch(url, "net.pth", sha, null));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("net.pth").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertEquals(List.of(), server.requests(), "offline never touches the network");
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        String url = server.serve("/big.pth", bytes);
        server.cutAfter = 100_000;
        IOException e =
                assertThrows(IOException.class, () -> cache().fetch(url, "big.pth", sha, null));
        assertTrue(e.getMessage().contains("resumes"), e.getMessage());
        Path partial = dir.resolve("big.pth.partial");
        long kept = Files.size(partial);
        assertTrue(kept > 0 && kept <= 100_000, "kept " + kept);
        Path p = cache().fetch(url, "big.pth", sha, null);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals("GET /big.pth bytes=" + kept + "-", server.requests().get(1));
        assertFalse(Files.exists(partial));
    }

    @Test
    void aServerIgnoringRangesRestartsTheDownload() throws Exception {
        String url = server.serve("/net.pth", bytes);
        Files.write(dir.resolve("net.pth.partial"), new byte[] {9, 9, 9, 9});
        server.ignoreRanges = true;
        Path p = cache().fetch(url, "net.pth", sha, null);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals(List.of("GET /net.pth bytes=4-"), server.requests());
    }

    @Test
    void aStalePartialLongerThanTheFileRestarts() throws Exception {
        String url = server.serve("/net.pth", bytes);
        Files.write(dir.resolve("net.pth.partial"), new byte[bytes.length + 5]);
        Path p = cache().fetch(url, "net.pth", sha, null);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals(2, server.requests().size(), server.requests().toString());
    }

    @Test
    void aMirrorServesTheFileByName() throws Exception {
        server.serve("/mirror/net.pth", bytes);
        HubCache mirrored =
                HubCache.builder()
                        .optDirectory(dir)
                        .optOffline(false)
                        .optMirror(server.url("/mirror/"))
                        .build();
        Path p = mirrored.fetch("https://example.invalid/models/net.pth", "net.pth", sha, null);
        assertArrayEquals(bytes, Files.readAllBytes(p));
        assertEquals(List.of("GET /mirror/net.pth"), server.requests());
        assertThrows(
                IllegalArgumentException.class,
                () -> HubCache.builder().optMirror("ftp://x").build());
    }

    @Test
    void withoutAPublishedHashTheServersLfsHashIsCheckedAndRemembered() throws Exception {
        String url = server.serve("/model.safetensors", bytes);
        server.headers.put("X-Linked-Etag", "\"" + sha + "\"");
        Path p = cache().fetch(url, "hub_model.safetensors", "", null);
        assertEquals(sha, Files.readString(dir.resolve("hub_model.safetensors.sha256")).trim());
        // a later corruption is caught against the remembered hash
        Files.write(p, new byte[] {0});
        assertThrows(
                HashMismatchException.class,
                () -> cache().fetch(url, "hub_model.safetensors", "", null));
        server.headers.put("X-Linked-Etag", "\"" + "0".repeat(64) + "\"");
        HashMismatchException e =
                assertThrows(
                        HashMismatchException.class,
                        () -> cache().fetch(url, "other_model.safetensors", "", null));
        assertEquals("0".repeat(64), e.expected());
    }

    @Test
    void aServerSendingTooMuchIsCutOff() throws Exception {
        String url = server.serve("/net.pth", bytes);
        HubCache small =
                HubCache.builder().optDirectory(dir).optOffline(false).optMaxBytes(1000).build();
        IOException e =
                assertThrows(IOException.class, () -> small.fetch(url, "net.pth", sha, null));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("net.pth")));
    }

    @Test
    void aMissingFileIsAnHttpError() {
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> cache().fetch(server.url("/absent.pth"), "absent.pth", sha, null));
        assertTrue(
                e.getMessage().contains("HTTP 404") && e.getMessage().contains("/absent.pth"),
                e.getMessage());
    }

    @Test
    void fileNamesCannotLeaveTheCache() {
        assertThrows(
                IllegalArgumentException.class,
                () -> cache().fetch(server.url("/x"), "../x.pth", sha, null));
    }

    @Test
    void twoProcessesFetchingTheSameFileDownloadItOnce() throws Exception {
        byte[] large = new byte[1 << 20];
        new Random(3).nextBytes(large);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large));
        String url = server.serve("/shared.pth", large);
        // the other process's download is held open after its first chunk until this JVM's
        // fetch has started: it then waits on the lock, and finds the file in place
        CountDownLatch gate = new CountDownLatch(1);
        server.gate = gate;
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other =
                new ProcessBuilder(
                                javaBin,
                                "-cp",
                                System.getProperty("java.class.path"),
                                FetchMain.class.getName(),
                                dir.toString(),
                                url,
                                "shared.pth",
                                hash)
                        .redirectErrorStream(true)
                        .start();
        assertTrue(server.requested.await(60, TimeUnit.SECONDS), "the other process asked");
        CompletableFuture<Path> mine =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return cache().fetch(url, "shared.pth", hash, null);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        gate.countDown();
        Path path = mine.get(60, TimeUnit.SECONDS);
        assertTrue(other.waitFor(60, TimeUnit.SECONDS), "the other process finished");
        String out = new String(other.getInputStream().readAllBytes()).trim();
        assertEquals(0, other.exitValue(), out);
        assertEquals(path.toString(), out.lines().reduce((a, b) -> b).orElse(""));
        assertArrayEquals(large, Files.readAllBytes(path));
        assertEquals(List.of("GET /shared.pth"), server.requests(), "downloaded once");
    }

    /** Records progress updates. */
    private static final class Recorder implements Progress {
        final List<Long> seen;
        long max = -1;

        Recorder(List<Long> seen) {
            this.seen = seen;
        }

        @Override
        public void reset(String message, long max, String trailingMessage) {
            this.max = max;
        }

        @Override
        public void start(long initialProgress) {
            seen.add(initialProgress);
        }

        @Override
        public void end() {}

        @Override
        public void increment(long increment) {
            seen.add(seen.get(seen.size() - 1) + increment);
        }

        @Override
        public void update(long progress, String message) {
            seen.add(progress);
        }
    }
}

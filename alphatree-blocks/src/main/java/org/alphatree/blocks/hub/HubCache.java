package org.alphatree.blocks.hub;

import ai.djl.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A download cache for weight files, laid out like torch.hub's: {@code
 * $ALPHATREE_HOME/hub/checkpoints/<file name from the URL>} ({@code ALPHATREE_HOME} defaults to
 * {@code ~/.alphatree}).
 *
 * <p>A download goes to {@code <file>.partial}, is hashed as it streams, verified against the
 * published SHA-256 (all of it, or the prefix in the file name) and only then renamed into place
 * atomically, so a cache file is always whole. An interrupted download resumes with an HTTP range
 * request (or restarts when the server ignores ranges). A mismatch deletes only that partial
 * download and names both hashes; a cached file that no longer matches is refused and left alone.
 * Two processes fetching the same file take turns on {@code <file>.lock}; the second finds the file
 * in place.
 *
 * <p>Offline ({@code ALPHATREE_OFFLINE=1}, or DJL's {@code ai.djl.offline=true} / {@code
 * DJL_OFFLINE}) the cache never touches the network and says which file to fetch from where. An
 * air-gapped site serves the files from a mirror ({@code ALPHATREE_HUB_MIRROR=https://host/path} or
 * {@code -Dalphatree.hub.mirror}): the URL becomes the mirror plus the file name.
 */
public final class HubCache {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final int BUFFER = 1 << 16;

    private final Path directory;
    private final boolean offline;
    private final String mirror;
    private final Duration timeout;
    private final long maxBytes;

    private HubCache(Builder b) {
        this.directory = b.directory;
        this.offline = b.offline;
        this.mirror = b.mirror;
        this.timeout = b.timeout;
        this.maxBytes = b.maxBytes;
    }

    /**
     * Returns the cache configured from the environment: {@code ALPHATREE_HOME} (or {@code
     * -Dalphatree.home}), the offline switches and the mirror.
     *
     * @return the cache
     */
    public static HubCache defaultCache() {
        return builder().build();
    }

    /**
     * Returns {@code $ALPHATREE_HOME} ({@code -Dalphatree.home} first), else {@code ~/.alphatree}.
     *
     * @return AlphaTree's home directory
     */
    public static Path home() {
        String home = setting("alphatree.home", "ALPHATREE_HOME");
        return home != null
                ? Paths.get(home)
                : Paths.get(System.getProperty("user.home"), ".alphatree");
    }

    /**
     * Whether the environment asks for offline mode: {@code ALPHATREE_OFFLINE} / {@code
     * -Dalphatree.offline} ({@code 1} or {@code true}), or DJL's {@code ai.djl.offline} / {@code
     * DJL_OFFLINE}.
     *
     * @return whether to stay off the network
     */
    public static boolean offlineByEnvironment() {
        String own = setting("alphatree.offline", "ALPHATREE_OFFLINE");
        if (own != null) {
            return own.equals("1") || own.equalsIgnoreCase("true");
        }
        String djl =
                Optional.ofNullable(System.getenv("DJL_OFFLINE"))
                        .orElse(System.getProperty("ai.djl.offline"));
        return Boolean.parseBoolean(djl);
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isEmpty()) {
            v = System.getenv(env);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * Starts a cache configured from the environment; every option can be overridden.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the directory holding the files.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns whether this cache stays off the network.
     *
     * @return whether offline
     */
    public boolean isOffline() {
        return offline;
    }

    /**
     * Returns where a weights file is (or would be) cached.
     *
     * @param weights the weights
     * @return the path
     */
    public Path path(PretrainedWeights weights) {
        return directory.resolve(weights.fileName());
    }

    /**
     * Returns the URL a weights file is fetched from: the published one, or the mirror's.
     *
     * @param weights the weights
     * @return the URL
     */
    public String url(PretrainedWeights weights) {
        return url(weights.url(), weights.fileName());
    }

    private String url(String url, String fileName) {
        return mirror == null ? url : mirror.replaceAll("/+$", "") + "/" + fileName;
    }

    /**
     * Returns the cached, verified file of a set of weights, downloading it first if needed.
     *
     * @param weights the weights
     * @param progress reports the download (bytes), or null
     * @return the verified file
     * @throws HashMismatchException if the download or the cached file does not have the published
     *     hash
     * @throws IOException if offline and not cached (naming the file and its URL), or on a network
     *     or disk failure
     */
    public Path fetch(PretrainedWeights weights, Progress progress) throws IOException {
        return fetch(weights.url(), weights.fileName(), weights.sha256(), progress);
    }

    /**
     * Returns a cached, verified file, downloading it first if needed.
     *
     * @param url the published URL (the mirror's replaces it when one is set)
     * @param fileName the file's name in the cache
     * @param sha256 the published SHA-256 or its prefix, lower-case hex; empty: trust the server's
     *     {@code X-Linked-Etag}/{@code ETag} when it is a SHA-256, else nothing
     * @param progress reports the download (bytes), or null
     * @return the verified file
     * @throws IOException as {@link #fetch(PretrainedWeights, Progress)}
     */
    public Path fetch(String url, String fileName, String sha256, Progress progress)
            throws IOException {
        Path target = directory.resolve(fileName).normalize();
        if (!target.getParent().equals(directory.normalize())) {
            throw new IllegalArgumentException("file name must be a plain name: " + fileName);
        }
        String source = url(url, fileName);
        if (Files.isRegularFile(target)) {
            verifyCached(target, sha256);
            return target;
        }
        if (offline) {
            throw new NoSuchFileException(
                    target.toString(),
                    null,
                    "not in the cache and offline mode is on (ALPHATREE_OFFLINE or"
                            + " ai.djl.offline): fetch "
                            + source
                            + " and put it at "
                            + target
                            + ", or run `alphatree weights download` where the network is"
                            + " reachable");
        }
        Files.createDirectories(directory);
        ReentrantLock local = LOCKS.computeIfAbsent(target, p -> new ReentrantLock());
        local.lock();
        try (FileChannel lockFile =
                        FileChannel.open(
                                directory.resolve(fileName + ".lock"),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                FileLock ignored = lockFile.lock()) {
            if (Files.isRegularFile(target)) { // another process finished it while we waited
                verifyCached(target, sha256);
                return target;
            }
            download(source, target, sha256, progress);
            return target;
        } finally {
            local.unlock();
        }
    }

    private void verifyCached(Path target, String sha256) throws IOException {
        String expected = sha256;
        if (expected.isEmpty()) {
            Path side = sidecar(target);
            if (!Files.isRegularFile(side)) {
                return; // nothing published, nothing recorded
            }
            expected = Files.readString(side).trim();
        }
        String actual = sha256(target);
        if (!actual.startsWith(expected)) {
            throw new HashMismatchException(
                    target,
                    expected,
                    actual,
                    "the cached file is left as it is: delete it to download it again");
        }
    }

    private static Path sidecar(Path target) {
        return target.resolveSibling(target.getFileName() + ".sha256");
    }

    private void download(String source, Path target, String sha256, Progress progress)
            throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        HttpClient client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(timeout)
                        .build();
        MessageDigest digest = newDigest();
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        HttpResponse<InputStream> response = send(client, source, have);
        int code = response.statusCode();
        if (code == 416 && have > 0) { // the partial file is not a prefix the server knows
            response.body().close();
            have = 0;
            response = send(client, source, 0);
            code = response.statusCode();
        }
        boolean resume = false;
        if (code == 206) {
            Matcher m =
                    CONTENT_RANGE.matcher(
                            response.headers().firstValue("Content-Range").orElse(""));
            resume = have > 0 && m.matches() && Long.parseLong(m.group(1)) == have;
            if (!resume) {
                response.body().close();
                throw new IOException(
                        "GET "
                                + source
                                + ": the server answered a range this cache did not ask for");
            }
        } else if (code != 200) {
            response.body().close();
            throw new IOException("GET " + source + ": HTTP " + code);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = length < 0 ? -1 : (resume ? have : 0) + length;
        if (total > maxBytes) {
            response.body().close();
            throw new IOException(
                    "GET " + source + ": " + total + " bytes is over the limit of " + maxBytes);
        }
        if (resume) {
            try (InputStream old = Files.newInputStream(partial)) {
                feed(digest, old);
            }
        } else {
            have = 0;
        }
        if (progress != null) {
            progress.reset("Downloading " + target.getFileName(), Math.max(total, 0));
            progress.start(have);
        }
        long done = have;
        try (InputStream in = response.body();
                OutputStream out =
                        Files.newOutputStream(
                                partial,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                resume
                                        ? StandardOpenOption.APPEND
                                        : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[BUFFER];
            for (int n; (n = read(in, buf, source, partial, done, total)) > 0; ) {
                done += n;
                if (done > maxBytes || (total >= 0 && done > total)) {
                    throw new IOException(
                            "GET " + source + ": the server sent more bytes than it announced");
                }
                out.write(buf, 0, n);
                digest.update(buf, 0, n);
                if (progress != null) {
                    progress.update(done);
                }
            }
        } finally {
            if (progress != null) {
                progress.end();
            }
        }
        if (total >= 0 && done < total) {
            throw new IOException(
                    "GET "
                            + source
                            + ": the connection closed after "
                            + done
                            + " of "
                            + total
                            + " bytes; "
                            + partial
                            + " is kept and the next fetch resumes it");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        String expected = sha256.isEmpty() ? serverHash(response) : sha256;
        if (!actual.startsWith(expected)) {
            Files.deleteIfExists(partial);
            throw new HashMismatchException(
                    target,
                    expected,
                    actual,
                    "downloaded from " + source + "; the download was deleted, nothing else");
        }
        if (sha256.isEmpty()) {
            Files.writeString(sidecar(target), actual + "\n");
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int read(
            InputStream in, byte[] buf, String source, Path partial, long done, long total)
            throws IOException {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new IOException(
                    "GET "
                            + source
                            + ": the connection failed after "
                            + done
                            + (total >= 0 ? " of " + total : "")
                            + " bytes ("
                            + e.getMessage()
                            + "); "
                            + partial
                            + " is kept and the next fetch resumes it",
                    e);
        }
    }

    private HttpResponse<InputStream> send(HttpClient client, String source, long from)
            throws IOException {
        HttpRequest.Builder req =
                HttpRequest.newBuilder(URI.create(source))
                        .timeout(timeout)
                        .header("User-Agent", "alphatree-hub");
        if (from > 0) {
            req.header("Range", "bytes=" + from + "-");
        }
        try {
            return client.send(req.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("GET " + source + " interrupted", e);
        } catch (IOException e) {
            throw new IOException("GET " + source + ": " + e, e);
        }
    }

    /** Hugging Face puts a stored file's SHA-256 in X-Linked-Etag (LFS) or ETag. */
    private static String serverHash(HttpResponse<?> response) {
        for (String h : new String[] {"X-Linked-Etag", "ETag"}) {
            String v = response.headers().firstValue(h).orElse("");
            v = v.replace("W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
            if (SHA256.matcher(v).matches()) {
                return v;
            }
        }
        return "";
    }

    /**
     * Returns a file's SHA-256.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws IOException if it cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest d = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            feed(d, in);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void feed(MessageDigest d, InputStream in) throws IOException {
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) > 0; ) {
            d.update(buf, 0, n);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Configures a {@link HubCache}; the defaults come from the environment. */
    public static final class Builder {
        private Path directory = home().resolve("hub").resolve("checkpoints");
        private boolean offline = offlineByEnvironment();
        private String mirror = setting("alphatree.hub.mirror", "ALPHATREE_HUB_MIRROR");
        private Duration timeout = Duration.ofSeconds(60);
        private long maxBytes = 16L << 30;

        private Builder() {}

        /**
         * Sets the directory holding the files ({@code $ALPHATREE_HOME/hub/checkpoints}).
         *
         * @param directory the directory
         * @return this
         */
        public Builder optDirectory(Path directory) {
            this.directory = directory.toAbsolutePath();
            return this;
        }

        /**
         * Sets whether to stay off the network (default: from the environment).
         *
         * @param offline whether offline
         * @return this
         */
        public Builder optOffline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Sets a base URL that serves the files by name instead of their publishers, or null.
         *
         * @param mirror {@code https://host/path}
         * @return this
         */
        public Builder optMirror(String mirror) {
            this.mirror = mirror;
            return this;
        }

        /**
         * Sets the connect and response timeout (60 s).
         *
         * @param timeout the timeout
         * @return this
         */
        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sets the largest file accepted (16 GiB): a server sending more is cut off.
         *
         * @param maxBytes the limit
         * @return this
         */
        public Builder optMaxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Builds the cache.
         *
         * @return the cache
         * @throws IllegalArgumentException if the mirror is not an http(s) URL or a limit is not
         *     positive
         */
        public HubCache build() {
            if (mirror != null
                    && !(mirror.startsWith("http://") || mirror.startsWith("https://"))) {
                throw new IllegalArgumentException(
                        "the hub mirror must be an http(s) URL, got " + mirror);
            }
            if (maxBytes < 1 || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("maxBytes and timeout must be positive");
            }
            if (directory.getParent() == null) {
                throw new IllegalArgumentException("the cache directory cannot be a root");
            }
            directory = directory.toAbsolutePath().normalize();
            return new HubCache(this);
        }
    }
}

package org.alphatree.blocks.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server on 127.0.0.1 for the download tests: serves byte arrays by path, honours
 * {@code Range: bytes=N-} (unless told not to), can cut a response short, hold it open or add a
 * header, and records every request.
 */
public final class LoopbackServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** Bytes after which the next full response is cut (connection closed), or -1. */
    public volatile long cutAfter = -1;

    /** Whether Range headers are ignored (a 200 with the whole file). */
    public volatile boolean ignoreRanges;

    /** Counted down when a request arrives. */
    public final CountDownLatch requested = new CountDownLatch(1);

    /** When set, a response's body waits for it (a download held open until the test says). */
    public volatile CountDownLatch gate;

    /** Extra response headers. */
    public final Map<String, String> headers = new ConcurrentHashMap<>();

    /**
     * Starts the server on a free port of 127.0.0.1.
     *
     * @throws IOException if it cannot bind
     */
    public LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Serves bytes at a path.
     *
     * @param path the path, starting with /
     * @param bytes the content
     * @return the URL
     */
    public String serve(String path, byte[] bytes) {
        files.put(path, bytes);
        return url(path);
    }

    /**
     * Returns the URL of a path.
     *
     * @param path the path
     * @return http://127.0.0.1:port/path
     */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * Returns the requests so far as {@code "GET /path range"}.
     *
     * @return the requests
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String range = ex.getRequestHeaders().getFirst("Range");
            requests.add(ex.getRequestMethod() + " " + path + (range == null ? "" : " " + range));
            requested.countDown();
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            int from = 0;
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches() && !ignoreRanges) {
                from = Integer.parseInt(m.group(1));
                if (from >= body.length) {
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders()
                        .add(
                                "Content-Range",
                                "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                ex.sendResponseHeaders(206, body.length - from);
            } else {
                ex.sendResponseHeaders(200, body.length);
            }
            long cut = cutAfter;
            cutAfter = -1;
            OutputStream out = ex.getResponseBody();
            int chunk = 1 << 14;
            for (int i = from; i < body.length; i += chunk) {
                int n = Math.min(chunk, body.length - i);
                if (cut >= 0 && i - from + n > cut) {
                    out.write(body, i, (int) (cut - (i - from)));
                    out.flush();
                    throw new IOException("cut");
                }
                out.write(body, i, n);
                CountDownLatch g = gate;
                if (g != null) {
                    out.flush();
                    try {
                        g.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
    }
}

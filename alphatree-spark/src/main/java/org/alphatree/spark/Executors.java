package org.alphatree.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.Preprocessing;

/**
 * The FID network of this executor JVM: loaded once per (weights, preprocessing) and shared by the
 * JVM's task threads (libtorch runs concurrent inference on one set of parameters).
 */
final class Executors {
    private static final Map<String, FidInception> NETS = new ConcurrentHashMap<>();

    private Executors() {}

    static FidInception network(String weights, Preprocessing mode) throws IOException {
        String key = weights + "|" + mode;
        FidInception net = NETS.get(key);
        if (net != null) {
            return net;
        }
        synchronized (NETS) {
            net = NETS.get(key);
            if (net == null) {
                net = FidInception.load(weights == null ? null : Path.of(weights), mode);
                NETS.put(key, net);
            }
            return net;
        }
    }
}

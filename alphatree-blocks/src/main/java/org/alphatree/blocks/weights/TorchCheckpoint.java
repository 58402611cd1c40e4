package org.alphatree.blocks.weights;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads PyTorch checkpoints ({@code torch.save}) in pure Java, without executing anything: the zip
 * format (torch ≥ 1.6: {@code <archive>/data.pkl}, {@code <archive>/data/<key>}, {@code byteorder})
 * and the legacy format ({@code _use_new_zipfile_serialization=False}: magic number, protocol and
 * sys-info pickles, the object pickle, the storage keys, raw storages).
 *
 * <p>The pickle is read by a restricted unpickler that accepts only the globals a tensor state_dict
 * needs ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}, {@code
 * torch._utils._rebuild_parameter}, the {@code torch.*Storage} types, {@code torch.device});
 * anything else raises {@link UnsafePickleException} naming the global. Every size is checked
 * against the file before anything is allocated: a truncated or corrupt file raises {@link
 * WeightFormatException}.
 */
public final class TorchCheckpoint {

    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    /** The largest data.pkl read (a resnet152 state_dict's is about 80 KB). */
    private static final long MAX_PICKLE = 64L << 20;

    private final Object root;

    private TorchCheckpoint(Object root) {
        this.root = root;
    }

    /**
     * Reads a checkpoint.
     *
     * @param path the {@code .pth}/{@code .pt} file
     * @return the checkpoint
     * @throws WeightFormatException if the file is not a well-formed, safe PyTorch checkpoint
     * @throws IOException if the file cannot be read
     */
    public static TorchCheckpoint read(Path path) throws IOException {
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(4);
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "weight file not found");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return readZip(path, size);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80) {
            return readLegacy(path, size);
        }
        throw new WeightFormatException(
                path + " is not a PyTorch checkpoint (neither zip nor legacy pickle)");
    }

    /**
     * Returns the unpickled object: maps, lists, {@code Object[]} tuples, strings, numbers and
     * {@link TensorData} leaves.
     *
     * @return the root object
     */
    public Object root() {
        return root;
    }

    /**
     * Returns the state_dict: the root if it maps names to tensors, else the sub-dict under {@code
     * key} (dots descend: {@code model.ema}); with {@code key == null}, the first of {@code
     * state_dict}, {@code model}, {@code module} that holds tensors. Nested dicts of tensors are
     * flattened with dotted keys; non-tensor entries are skipped.
     *
     * @param key the sub-dict to pick, or null to choose automatically
     * @return tensors by state_dict key, in file order
     * @throws WeightFormatException if there is no such sub-dict or it holds no tensors
     */
    public Map<String, TensorData> stateDict(String key) throws WeightFormatException {
        Object node = root;
        if (key != null && !key.isEmpty()) {
            for (String part : key.split("\\.")) {
                if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                    throw new WeightFormatException(
                            "checkpoint has no sub-dict '"
                                    + key
                                    + "'; top-level keys: "
                                    + topKeys());
                }
                node = m.get(part);
            }
        } else if (root instanceof Map<?, ?> m && !hasTensor(m)) {
            for (String k : List.of("state_dict", "model", "module", "model_state_dict")) {
                if (m.get(k) instanceof Map<?, ?> sub && hasTensor(sub)) {
                    node = sub;
                    break;
                }
            }
        }
        Map<String, TensorData> out = new LinkedHashMap<>();
        flatten(node, "", out);
        if (out.isEmpty()) {
            throw new WeightFormatException(
                    "checkpoint holds no tensors"
                            + (key == null ? "" : " under '" + key + "'")
                            + "; top-level keys: "
                            + topKeys());
        }
        return out;
    }

    private String topKeys() {
        if (!(root instanceof Map<?, ?> m)) {
            return Unpickler.typeName(root);
        }
        List<String> keys = new ArrayList<>();
        for (Object k : m.keySet()) {
            if (keys.size() == 20) {
                keys.add("... " + (m.size() - 20) + " more");
                break;
            }
            keys.add(keyText(k));
        }
        return keys.toString();
    }

    private static boolean hasTensor(Map<?, ?> m) {
        for (Object v : m.values()) {
            if (v instanceof TensorData) {
                return true;
            }
        }
        return false;
    }

    /** How many dict entries flattening may visit (shared sub-dicts could expand exponentially). */
    static final int MAX_ENTRIES = 1_000_000;

    private static void flatten(Object node, String prefix, Map<String, TensorData> out)
            throws WeightFormatException {
        flatten(node, prefix, out, 0, new int[1]);
    }

    private static void flatten(
            Object node, String prefix, Map<String, TensorData> out, int depth, int[] visited)
            throws WeightFormatException {
        if (node instanceof TensorData t) {
            String key = prefix.isEmpty() ? "tensor" : prefix.substring(0, prefix.length() - 1);
            if (out.putIfAbsent(key, t) != null) {
                throw new WeightFormatException(
                        "two tensors flatten to the key '"
                                + key
                                + "' (a dotted key and a nested one)");
            }
        } else if (node instanceof Map<?, ?> m) {
            if (depth > MAX_DEPTH) {
                throw new WeightFormatException(
                        "checkpoint nests dicts deeper than " + MAX_DEPTH + " levels");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (++visited[0] > MAX_ENTRIES) {
                    throw new WeightFormatException(
                            "checkpoint expands to more than "
                                    + MAX_ENTRIES
                                    + " entries (shared sub-dicts?)");
                }
                flatten(e.getValue(), prefix + keyText(e.getKey()) + ".", out, depth + 1, visited);
            }
        }
    }

    /** A dict key as Python prints it: strings as they are, tuples as {@code (a, b)}. */
    static String keyText(Object key) {
        return keyText(key, 0);
    }

    private static String keyText(Object key, int depth) {
        if (key instanceof Object[] t) {
            if (depth > MAX_DEPTH) {
                return "(...)";
            }
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < t.length; i++) {
                sb.append(i > 0 ? ", " : "").append(keyText(t[i], depth + 1));
            }
            return sb.append(t.length == 1 ? ",)" : ")").toString();
        }
        return String.valueOf(key);
    }

    // ---------------------------------------------------------------- zip format

    private static TorchCheckpoint readZip(Path path, long fileSize) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String prefix = null;
            ZipRecords.checkUnique(zip, path.toString());
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                if (name.endsWith("data.pkl")
                        && (name.equals("data.pkl") || name.endsWith("/data.pkl"))) {
                    if (prefix != null) {
                        throw new WeightFormatException(
                                "zip checkpoint has several data.pkl records");
                    }
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                }
            }
            if (prefix == null) {
                throw new WeightFormatException(
                        path + " is a zip file without data.pkl: not a PyTorch checkpoint");
            }
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String bo =
                        new String(
                                        ZipRecords.read(zip, order, 16, fileSize),
                                        StandardCharsets.US_ASCII)
                                .trim();
                if (!bo.equals("little")) {
                    throw new WeightFormatException(
                            "checkpoint byte order is '"
                                    + bo
                                    + "'; only little-endian is supported");
                }
            }
            byte[] pkl =
                    ZipRecords.read(zip, zip.getEntry(prefix + "data.pkl"), MAX_PICKLE, fileSize);
            Map<String, StorageRef> storages = new HashMap<>();
            Unpickler u = new Unpickler(pkl, 0, pkl.length, pid -> storage(pid, storages, 5));
            Object obj = u.load();
            for (StorageRef s : storages.values()) {
                ZipEntry e = zip.getEntry(prefix + "data/" + s.key);
                if (e == null) {
                    throw new WeightFormatException(
                            "storage '" + s.key + "' is missing from the archive");
                }
                long need = Math.multiplyExact(s.numel, (long) s.dtype.size());
                if (e.getSize() >= 0 && e.getSize() != need) {
                    throw new WeightFormatException(
                            "storage '"
                                    + s.key
                                    + "' holds "
                                    + e.getSize()
                                    + " bytes but the pickle declares "
                                    + need);
                }
                s.data = ZipRecords.read(zip, e, need, fileSize);
                if (s.data.length < need) {
                    throw new WeightFormatException(
                            "storage '"
                                    + s.key
                                    + "' is truncated: "
                                    + s.data.length
                                    + " of "
                                    + need
                                    + " bytes");
                }
            }
            return new TorchCheckpoint(materialize(obj, storages.values()));
        } catch (ZipException | java.io.EOFException e) {
            throw new WeightFormatException(
                    "corrupt zip checkpoint " + path + ": " + e.getMessage(), e);
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new WeightFormatException(
                    "corrupt checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- legacy format

    private static TorchCheckpoint readLegacy(Path path, long fileSize) throws IOException {
        if (fileSize > Integer.MAX_VALUE - 16) {
            throw new WeightFormatException("legacy checkpoint over 2 GiB is not supported");
        }
        byte[] buf = Files.readAllBytes(path);
        try {
            Unpickler.PersistentLoader none =
                    pid -> {
                        throw new WeightFormatException(
                                "unexpected persistent id in a legacy header");
                    };
            Unpickler h = new Unpickler(buf, 0, buf.length, none);
            Object magic = h.load();
            if (!(magic instanceof BigInteger b && b.equals(LEGACY_MAGIC))) {
                throw new WeightFormatException(
                        path + " is a pickle but not a PyTorch checkpoint (bad magic number)");
            }
            Unpickler p = new Unpickler(buf, h.position(), buf.length, none);
            Object proto = p.load();
            if (!(proto instanceof Long l && l == 1001L)) {
                throw new WeightFormatException("unsupported legacy protocol version " + proto);
            }
            Unpickler si = new Unpickler(buf, p.position(), buf.length, none);
            Object sys = si.load();
            if (sys instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
                throw new WeightFormatException(
                        "checkpoint is big-endian; only little-endian is supported");
            }
            Map<String, StorageRef> storages = new HashMap<>();
            Unpickler main =
                    new Unpickler(buf, si.position(), buf.length, pid -> storage(pid, storages, 6));
            Object obj = main.load();
            Unpickler k = new Unpickler(buf, main.position(), buf.length, none);
            Object keys = k.load();
            if (!(keys instanceof List<?> keyList)) {
                throw new WeightFormatException("legacy checkpoint: storage key list missing");
            }
            int pos = k.position();
            for (Object key : keyList) {
                StorageRef s = storages.get(String.valueOf(key));
                if (s == null) {
                    throw new WeightFormatException(
                            "legacy checkpoint: unknown storage key " + key);
                }
                if (buf.length - pos < 8) {
                    throw new WeightFormatException(
                            "truncated legacy checkpoint: storage " + key + " header missing");
                }
                long numel = 0;
                for (int i = 0; i < 8; i++) {
                    numel |= (long) (buf[pos + i] & 0xff) << (8 * i);
                }
                pos += 8;
                if (numel != s.numel) {
                    throw new WeightFormatException(
                            "legacy storage "
                                    + key
                                    + " has "
                                    + numel
                                    + " elements, the pickle says "
                                    + s.numel);
                }
                long need = Math.multiplyExact(numel, (long) s.dtype.size());
                if (need < 0 || need > buf.length - pos) {
                    throw new WeightFormatException(
                            "truncated legacy checkpoint: storage "
                                    + key
                                    + " needs "
                                    + need
                                    + " bytes, "
                                    + (buf.length - pos)
                                    + " left");
                }
                s.data = Arrays.copyOfRange(buf, pos, pos + (int) need);
                pos += (int) need;
            }
            for (StorageRef s : storages.values()) {
                if (s.data == null) {
                    throw new WeightFormatException(
                            "legacy checkpoint: storage " + s.key + " has no data");
                }
            }
            return new TorchCheckpoint(materialize(obj, storages.values()));
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new WeightFormatException(
                    "corrupt checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- shared

    private static StorageRef storage(Object pid, Map<String, StorageRef> storages, int minLen)
            throws WeightFormatException {
        if (!(pid instanceof Object[] t) || t.length < minLen || !"storage".equals(t[0])) {
            throw new WeightFormatException("unsupported persistent id " + Unpickler.typeName(pid));
        }
        if (!(t[1] instanceof Unpickler.Global g) || DType.ofTorchStorage(g.name()) == null) {
            throw new WeightFormatException("unsupported storage type " + Unpickler.typeName(t[1]));
        }
        if (!(t[4] instanceof Long numel) || numel < 0) {
            throw new WeightFormatException("invalid storage size " + t[4]);
        }
        if (t.length > 5 && t[5] != null) {
            throw new WeightFormatException("legacy storage views (torch < 0.4) are not supported");
        }
        String key = String.valueOf(t[2]);
        DType dtype = DType.ofTorchStorage(g.name());
        StorageRef s = storages.get(key);
        if (s == null) {
            s = new StorageRef(dtype, key, numel);
            storages.put(key, s);
        } else if (s.dtype != dtype || s.numel != numel) {
            throw new WeightFormatException(
                    "storage " + key + " is declared twice with different types or sizes");
        }
        return s;
    }

    /** How deep containers may nest (a state_dict nests a few levels). */
    static final int MAX_DEPTH = 100;

    /**
     * Replaces tensor views by dense tensors. Objects the pickle shares through its memo stay
     * shared (one copy for a tensor referenced 2,000 times); a container that contains itself and
     * nesting deeper than {@link #MAX_DEPTH} are errors; the dense bytes of all tensors together
     * must fit the budget.
     */
    private static final class Materializer {
        private final java.util.IdentityHashMap<Object, Object> done =
                new java.util.IdentityHashMap<>();
        private final java.util.Set<Object> open =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private final long budget;
        private long used;

        Materializer(long budget) {
            this.budget = budget;
        }

        Object apply(Object o, int depth) throws WeightFormatException {
            if (!(o instanceof TensorRef
                    || o instanceof Map
                    || o instanceof List
                    || o instanceof Object[])) {
                return o;
            }
            Object known = done.get(o);
            if (known != null) {
                return known;
            }
            if (depth > MAX_DEPTH) {
                throw new WeightFormatException(
                        "checkpoint nests containers deeper than " + MAX_DEPTH + " levels");
            }
            if (!open.add(o)) {
                throw new WeightFormatException(
                        "checkpoint contains a cycle: a "
                                + Unpickler.typeName(o)
                                + " that contains itself");
            }
            Object out;
            if (o instanceof TensorRef t) {
                TensorData d = dense(t, budget - used);
                used += d.rawBytes().length;
                out = d;
            } else if (o instanceof Map<?, ?> m) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    copy.put(e.getKey(), apply(e.getValue(), depth + 1));
                }
                out = copy;
            } else if (o instanceof List<?> l) {
                List<Object> copy = new ArrayList<>(l.size());
                for (Object x : l) {
                    copy.add(apply(x, depth + 1));
                }
                out = copy;
            } else {
                Object[] a = (Object[]) o;
                Object[] copy = new Object[a.length];
                for (int i = 0; i < a.length; i++) {
                    copy[i] = apply(a[i], depth + 1);
                }
                out = copy;
            }
            open.remove(o);
            done.put(o, out);
            return out;
        }
    }

    /**
     * The budget for the dense bytes of all tensors: {@code alphatree.weights.maxBytes} if set,
     * else 4 × the bytes the file's storages really hold, plus 1 MiB (views only ever select from
     * their storage; only stride-0 "expanded" views can be larger, and a file of them is a bomb).
     */
    static long budget(long storageBytes) {
        String p = System.getProperty(MAX_BYTES_PROPERTY);
        if (p != null) {
            try {
                return Long.parseLong(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        MAX_BYTES_PROPERTY + " must be a number of bytes, got '" + p + "'");
            }
        }
        return Math.addExact(Math.multiplyExact(storageBytes, 4), 1 << 20);
    }

    /** The system property that overrides the tensor-bytes budget. */
    public static final String MAX_BYTES_PROPERTY = "alphatree.weights.maxBytes";

    private static Object materialize(Object o, java.util.Collection<StorageRef> storages)
            throws WeightFormatException {
        long stored = 0;
        for (StorageRef s : storages) {
            stored += s.data == null ? 0 : s.data.length;
        }
        return new Materializer(budget(stored)).apply(o, 0);
    }

    private static TensorData dense(TensorRef t, long budgetLeft) throws WeightFormatException {
        long[] shape = t.shape();
        long[] stride = t.stride();
        StorageRef s = t.storage();
        if (shape.length != stride.length) {
            throw new WeightFormatException(
                    "tensor in storage " + s.key + ": size and stride ranks differ");
        }
        long n = 1;
        long maxIndex = t.offset();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || stride[i] < 0) {
                throw new WeightFormatException(
                        "tensor in storage " + s.key + ": negative size or stride");
            }
            n = Math.multiplyExact(n, shape[i]);
            if (shape[i] > 0) {
                maxIndex = Math.addExact(maxIndex, Math.multiplyExact(shape[i] - 1, stride[i]));
            }
        }
        if (t.offset() < 0 || (n > 0 && maxIndex >= s.numel)) {
            throw new WeightFormatException(
                    "tensor of shape "
                            + Arrays.toString(shape)
                            + " at offset "
                            + t.offset()
                            + " overruns storage "
                            + s.key
                            + " of "
                            + s.numel
                            + " elements");
        }
        int es = s.dtype.size();
        long bytes = Math.multiplyExact(n, (long) es);
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new WeightFormatException("tensor too large: " + bytes + " bytes");
        }
        if (bytes > budgetLeft) {
            throw new WeightFormatException(
                    "tensor of shape "
                            + Arrays.toString(shape)
                            + " in storage "
                            + s.key
                            + " would take "
                            + bytes
                            + " bytes, over the budget left ("
                            + budgetLeft
                            + "; 4x the stored bytes + 1 MiB, set -D"
                            + MAX_BYTES_PROPERTY
                            + " to raise it): an expanded view bomb?");
        }
        byte[] out = new byte[(int) bytes];
        if (n == 0) {
            return new TensorData(s.dtype, shape, out);
        }
        // contiguous fast path
        boolean contiguous = true;
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expect) {
                contiguous = false;
                break;
            }
            expect *= shape[i];
        }
        if (contiguous) {
            System.arraycopy(s.data, (int) (t.offset() * es), out, 0, out.length);
            return new TensorData(s.dtype, shape, out);
        }
        long[] idx = new long[shape.length];
        for (long k = 0; k < n; k++) {
            long src = t.offset();
            for (int i = 0; i < shape.length; i++) {
                src += idx[i] * stride[i];
            }
            System.arraycopy(s.data, (int) (src * es), out, (int) (k * es), es);
            for (int i = shape.length - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return new TensorData(s.dtype, shape, out);
    }
}

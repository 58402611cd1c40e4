package org.alphatree.blocks.weights;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted pickle reader for tensor state_dicts. It interprets the opcodes {@code torch.save}
 * writes (protocols 2–5) into plain Java values — {@code Map}, {@code List}, {@code Object[]}
 * (tuples), {@code String}, {@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean},
 * {@code byte[]}, {@code null} — and {@link TensorRef}s. Only the globals a state_dict needs are
 * accepted; any other global, a {@code REDUCE} of anything else and a {@code BUILD} on anything but
 * a dict or tensor raise {@link UnsafePickleException}. Nothing is ever executed, loaded or
 * reflected upon: a global is only a name compared against a list.
 */
final class Unpickler {

    /** Resolves persistent ids (PyTorch's storages). */
    interface PersistentLoader {
        Object load(Object pid) throws WeightFormatException;
    }

    /** A global that passed the allow-list: only a name. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    private static final Set<String> ALLOWED =
            Set.of(
                    "collections.OrderedDict",
                    "torch._utils._rebuild_tensor_v2",
                    "torch._utils._rebuild_parameter",
                    "torch._utils._rebuild_parameter_with_state",
                    "torch.device");

    /** Nesting limit of open marks (a state_dict needs a handful). */
    static final int MAX_MARKS = 10_000;

    private final byte[] buf;
    private final int end;
    private int pos;
    private final PersistentLoader persistent;
    private final ArrayList<Object> stack = new ArrayList<>();

    /** Stack heights at each MARK: a mark costs O(1), so MARK/TUPLE runs stay linear. */
    private final Deque<Integer> marks = new ArrayDeque<>();

    private final Map<Long, Object> memo = new HashMap<>();

    Unpickler(byte[] buf, int start, int end, PersistentLoader persistent) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.persistent = persistent;
    }

    /** The offset after the last STOP. */
    int position() {
        return pos;
    }

    private WeightFormatException corrupt(String what) {
        return new WeightFormatException("corrupt pickle at offset " + pos + ": " + what);
    }

    private int u8() throws WeightFormatException {
        if (pos >= end) {
            throw new WeightFormatException("truncated pickle: unexpected end at offset " + pos);
        }
        return buf[pos++] & 0xff;
    }

    private long le(int n) throws WeightFormatException {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (buf[pos + i] & 0xff) << (8 * i);
        }
        pos += n;
        return v;
    }

    private void need(long n) throws WeightFormatException {
        if (n < 0 || n > end - pos) {
            throw new WeightFormatException(
                    "truncated pickle: "
                            + n
                            + " bytes needed at offset "
                            + pos
                            + ", "
                            + (end - pos)
                            + " left");
        }
    }

    private byte[] bytes(long n) throws WeightFormatException {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return b;
    }

    private String line() throws WeightFormatException {
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
            pos++;
            if (pos - start > 1024) {
                throw corrupt("line too long");
            }
        }
        if (pos >= end) {
            throw new WeightFormatException(
                    "truncated pickle: unterminated line at offset " + start);
        }
        String s = new String(buf, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private Object pop() throws WeightFormatException {
        if (stack.isEmpty() || (!marks.isEmpty() && stack.size() == marks.peek())) {
            throw corrupt("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws WeightFormatException {
        if (stack.isEmpty() || (!marks.isEmpty() && stack.size() == marks.peek())) {
            throw corrupt("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws WeightFormatException {
        if (marks.isEmpty()) {
            throw corrupt("no mark");
        }
        int from = marks.pop();
        List<Object> top = stack.subList(from, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private void push(Object o) {
        stack.add(o);
    }

    /**
     * Reads one pickle, up to and including its STOP.
     *
     * @return the unpickled value
     */
    Object load() throws WeightFormatException {
        stack.clear();
        marks.clear();
        memo.clear();
        while (true) {
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto > 5) {
                        throw corrupt("unsupported pickle protocol " + proto);
                    }
                }
                case 0x95 -> le(8); // FRAME: length ignored, data follows inline
                case '.' -> { // STOP
                    Object result = pop();
                    if (!stack.isEmpty() || !marks.isEmpty()) {
                        throw corrupt("stack not empty at STOP");
                    }
                    return result;
                }
                case '(' -> { // MARK
                    if (marks.size() >= MAX_MARKS) {
                        throw corrupt("more than " + MAX_MARKS + " nested marks");
                    }
                    marks.push(stack.size());
                }
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case '}' -> push(new LinkedHashMap<Object, Object>());
                case ']' -> push(new ArrayList<Object>());
                case ')' -> push(new Object[0]);
                case 't' -> push(popMark().toArray());
                case 0x85 -> push(new Object[] {pop()});
                case 0x86 -> {
                    Object b = pop();
                    Object a = pop();
                    push(new Object[] {a, b});
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(new Object[] {a, b, c});
                }
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) (int) le(4)); // BININT
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push(le(2)); // BININT2
                case 0x8a -> push(longOf(bytes(u8()))); // LONG1
                case 0x8b -> { // LONG4
                    long n = le(4);
                    if (n > 1024) {
                        throw corrupt("LONG4 of " + n + " bytes");
                    }
                    push(longOf(bytes(n)));
                }
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(le(8)))); // BINFLOAT
                case 'X' -> push(utf8(bytes(le(4)))); // BINUNICODE
                case 0x8c -> push(utf8(bytes(u8()))); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(bytes(le(8)))); // BINUNICODE8
                case 'T' -> push(utf8(bytes(le(4)))); // BINSTRING
                case 'U' -> push(utf8(bytes(u8()))); // SHORT_BINSTRING
                case 'B' -> push(bytes(le(4))); // BINBYTES
                case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
                case 0x8e -> push(bytes(le(8))); // BINBYTES8
                case 'q' -> memo.put((long) u8(), peek()); // BINPUT
                case 'r' -> memo.put(le(4), peek()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u8())); // BINGET
                case 'j' -> push(memoGet(le(4))); // LONG_BINGET
                case 'c' -> push(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw corrupt("STACK_GLOBAL needs two strings");
                    }
                    push(global((String) module, (String) name));
                }
                case 'Q' -> push(persistent.load(pop())); // BINPERSID
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, args));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    Object target = peek();
                    if (!(target instanceof Map) && !(target instanceof TensorRef)) {
                        throw new UnsafePickleException(
                                "BUILD",
                                "BUILD on an object of type "
                                        + typeName(target)
                                        + " is not allowed");
                    }
                    if (target instanceof Map && state instanceof Map) {
                        // OrderedDict state, e.g. a state_dict's _metadata: kept out of the items
                        continue;
                    }
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = hashable(pop());
                    dict(peek()).put(k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    if (items.size() % 2 != 0) {
                        throw corrupt("odd number of SETITEMS values");
                    }
                    Map<Object, Object> d = dict(peek());
                    for (int i = 0; i < items.size(); i += 2) {
                        d.put(hashable(items.get(i)), items.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 0x8f -> push(new ArrayList<Object>()); // EMPTY_SET (kept as a list)
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case 0x91 -> push(popMark()); // FROZENSET
                case 0x81, 0x92, 'i', 'o' -> // NEWOBJ, NEWOBJ_EX, INST, OBJ
                        throw new UnsafePickleException(
                                "object construction",
                                "pickle constructs an object (opcode 0x"
                                        + Integer.toHexString(op)
                                        + "); a state_dict never does");
                case 0x82, 0x83, 0x84 ->
                        throw new UnsafePickleException(
                                "extension registry", "pickle uses the extension registry");
                default -> throw corrupt("unsupported opcode 0x" + Integer.toHexString(op));
            }
        }
    }

    /**
     * Python refuses lists and dicts as dict keys ("unhashable type"); so does this reader, which
     * also keeps a self-containing list from recursing forever in {@code hashCode}.
     */
    private Object hashable(Object key) throws WeightFormatException {
        checkHashable(key, 0);
        return key;
    }

    /** A tuple is hashable when its items are (Python hashes them); tuples cannot cycle. */
    private void checkHashable(Object key, int depth) throws WeightFormatException {
        if (key instanceof List || key instanceof Map) {
            throw corrupt("unhashable dict key of type " + typeName(key));
        }
        if (key instanceof Object[] items) {
            if (depth > MAX_MARKS) {
                throw corrupt("a dict key nested deeper than " + MAX_MARKS + " tuples");
            }
            for (Object o : items) {
                checkHashable(o, depth + 1);
            }
        }
    }

    private Object memoGet(long k) throws WeightFormatException {
        Object o = memo.get(k);
        if (o == null && !memo.containsKey(k)) {
            throw corrupt("memo key " + k + " not found");
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws WeightFormatException {
        if (!(o instanceof Map)) {
            throw corrupt("SETITEM on a " + typeName(o));
        }
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws WeightFormatException {
        if (!(o instanceof List)) {
            throw corrupt("APPEND on a " + typeName(o));
        }
        return (List<Object>) o;
    }

    private static Object longOf(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static String typeName(Object o) {
        return o == null
                ? "None"
                : o instanceof Global ? "global " + o : o.getClass().getSimpleName();
    }

    private static Object global(String module, String name) throws UnsafePickleException {
        // protocol 2 spells Python 3's builtins the Python 2 way
        String mod =
                module.equals("__builtin__")
                        ? "builtins"
                        : module.equals("copy_reg") ? "copyreg" : module;
        String full = mod + "." + name;
        if (ALLOWED.contains(full)
                || (module.equals("torch") && DType.ofTorchStorage(name) != null)) {
            return new Global(module, name);
        }
        throw new UnsafePickleException(
                full,
                "pickle references the global '"
                        + full
                        + "', which a tensor state_dict never needs; rejected without running anything");
    }

    private Object reduce(Object callable, Object args) throws WeightFormatException {
        if (!(callable instanceof Global g)) {
            throw new UnsafePickleException(
                    "REDUCE", "REDUCE on " + typeName(callable) + " is not allowed");
        }
        if (!(args instanceof Object[] a)) {
            throw corrupt("REDUCE arguments are not a tuple");
        }
        switch (g.toString()) {
            case "collections.OrderedDict" -> {
                return new LinkedHashMap<Object, Object>();
            }
            case "torch._utils._rebuild_tensor_v2" -> {
                if (a.length < 4 || !(a[0] instanceof StorageRef s)) {
                    throw corrupt(
                            "_rebuild_tensor_v2 expects (storage, offset, size, stride, ...)");
                }
                return new TensorRef(
                        s,
                        toLong(a[1], "storage offset"),
                        toLongs(a[2], "size"),
                        toLongs(a[3], "stride"));
            }
            case "torch._utils._rebuild_parameter",
                    "torch._utils._rebuild_parameter_with_state" -> {
                if (a.length < 1 || !(a[0] instanceof TensorRef)) {
                    throw corrupt("_rebuild_parameter expects a tensor");
                }
                return a[0];
            }
            case "torch.device" -> {
                return a.length > 0 ? String.valueOf(a[0]) : "cpu";
            }
            default ->
                    throw new UnsafePickleException(
                            g.toString(), "REDUCE of '" + g + "' is not allowed");
        }
    }

    private long toLong(Object o, String what) throws WeightFormatException {
        if (!(o instanceof Long l)) {
            throw corrupt(what + " is not an integer");
        }
        return l;
    }

    private long[] toLongs(Object o, String what) throws WeightFormatException {
        if (!(o instanceof Object[] t)) {
            throw corrupt(what + " is not a tuple");
        }
        long[] v = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = toLong(t[i], what);
        }
        return v;
    }
}

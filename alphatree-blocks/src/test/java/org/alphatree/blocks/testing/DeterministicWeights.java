package org.alphatree.blocks.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.weights.NamedParameters;

/**
 * Fills parameters with a formula of their state_dict key and flat index, so that a network and its
 * PyTorch twin get identical, non-trivial weights without any weight file. The fixture generator
 * ({@code tools/fixtures/common.py}) implements the same formula.
 *
 * <p>{@code b(i)} in [-1, 1) is an integer hash of the key's FNV-1a-32 and the index (bit-exact in
 * any language); then
 *
 * <ul>
 *   <li>weights with 2+ dims (conv, linear): {@code b(i) * sqrt(6 / fan_in)} (kaiming-uniform
 *       variance, so deep ReLU networks neither explode nor vanish);
 *   <li>1-dim {@code weight} (norm scale): {@code 0.6 + 0.2 b(i)} (below 1 keeps residual sums
 *       bounded in eval mode);
 *   <li>{@code bias}, {@code running_mean}: {@code 0.1 b(i)};
 *   <li>{@code running_var}: {@code 1 + 0.25 b(i)}.
 * </ul>
 *
 * Values are computed in double precision and rounded to float.
 */
public final class DeterministicWeights {
    private DeterministicWeights() {}

    /**
     * Fills every parameter of an initialized block.
     *
     * @param block the block
     */
    public static void fill(Block block) {
        for (Map.Entry<String, Parameter> e : NamedParameters.of(block).entrySet()) {
            NDArray a = e.getValue().getArray();
            Assign.copy(a, values(e.getKey(), a.getShape()));
        }
    }

    /**
     * The formula's values for one key and shape, row-major.
     *
     * @param key the state_dict key, e.g. {@code layer1.0.conv1.weight}
     * @param shape the tensor shape
     * @return the values
     */
    public static float[] values(String key, Shape shape) {
        int n = Math.toIntExact(shape.size());
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        double scale;
        double offset;
        if (leaf.equals("weight") && shape.dimension() >= 2) {
            long fanIn = shape.size() / shape.get(0);
            scale = Math.sqrt(6.0 / fanIn);
            offset = 0;
        } else if (leaf.equals("weight")) {
            scale = 0.2;
            offset = 0.6;
        } else if (leaf.equals("running_var") || leaf.equals("stored_var")) {
            scale = 0.25;
            offset = 1;
        } else {
            scale = 0.1;
            offset = 0;
        }
        int seed = fnv1a(key);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (offset + scale * uniform(seed, i));
        }
        return v;
    }

    /**
     * The hash behind the formula: {@code b(i)} in [-1, 1).
     *
     * @param seed FNV-1a-32 of the key
     * @param i the flat index
     * @return the value
     */
    static double uniform(int seed, int i) {
        int x = i * 0x9E3779B1 + seed;
        x ^= x >>> 16;
        x *= 0x7FEB352D;
        x ^= x >>> 15;
        x *= 0x846CA68B;
        x ^= x >>> 16;
        return Integer.toUnsignedLong(x) / 2147483648.0 - 1.0;
    }

    /**
     * A deterministic input: {@code x[i] = sin(0.37 i + 1)}, row-major.
     *
     * @param shape the shape
     * @return the values
     */
    public static float[] input(Shape shape) {
        int n = Math.toIntExact(shape.size());
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(0.37 * i + 1.0);
        }
        return v;
    }

    static int fnv1a(String s) {
        int h = 0x811c9dc5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }
}

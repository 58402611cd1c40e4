package org.alphatree.blocks.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fills parameters with a formula of their state_dict key and flat index, so that a network and
 * its PyTorch twin get identical, non-trivial weights without any weight file. The fixture
 * generator ({@code tools/fixtures/residual.py}) implements the same formula.
 *
 * <p>With {@code b(i) = sin(0.7 i + phase(key))}, {@code phase} = 2π·(FNV-1a-32(key) mod 1000)/1000:
 *
 * <ul>
 *   <li>weights with 2+ dims (conv, linear): {@code b(i) * 2 / sqrt(fan_in)} (variance-preserving
 *       for ReLU networks);
 *   <li>1-dim {@code weight} (norm scale): {@code 1 + 0.2 b(i)};
 *   <li>{@code bias}, {@code running_mean}: {@code 0.1 b(i)};
 *   <li>{@code running_var}: {@code 0.75 + 0.25 b(i)}.
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
            a.set(values(e.getKey(), a.getShape()));
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
        double phase = 2 * Math.PI * (Integer.toUnsignedLong(fnv1a(key)) % 1000) / 1000.0;
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        double scale;
        double offset;
        if (leaf.equals("weight") && shape.dimension() >= 2) {
            long fanIn = shape.size() / shape.get(0);
            scale = 2 / Math.sqrt(fanIn);
            offset = 0;
        } else if (leaf.equals("weight")) {
            scale = 0.2;
            offset = 1;
        } else if (leaf.equals("running_var")) {
            scale = 0.25;
            offset = 0.75;
        } else {
            scale = 0.1;
            offset = 0;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (offset + scale * Math.sin(0.7 * i + phase));
        }
        return v;
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

package org.alphatree.blocks.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alphatree.blocks.core.Assign;

/**
 * Loads PyTorch weights into AlphaTree blocks by name and exports them back.
 *
 * <p>Because AlphaTree names children like the reference, a state_dict key is the block path:
 * loading is a join, not a mapping table. BatchNorm running statistics are loaded; {@code
 * num_batches_tracked} is ignored on load and written as 0 on export.
 */
public final class Weights {
    private Weights() {}

    /**
     * Reads a state_dict from any supported file: PyTorch checkpoints (zip or legacy, by content),
     * {@code .safetensors}, {@code .npz}.
     *
     * @param path the file
     * @param subKey for checkpoints, the sub-dict to pick ({@code state_dict}, {@code model}, ...),
     *     or null to choose automatically
     * @return tensors by key
     * @throws IOException if the file is missing, unreadable, malformed or unsafe
     */
    public static Map<String, TensorData> read(Path path, String subKey) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "weight file not found");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean flat = name.endsWith(".safetensors") || name.endsWith(".npz");
        if (flat && subKey != null && !subKey.isEmpty()) {
            throw new WeightFormatException(
                    path
                            + " is a flat file of named tensors: the sub-dict key '"
                            + subKey
                            + "' applies to PyTorch checkpoints only");
        }
        if (name.endsWith(".safetensors")) {
            return SafeTensors.read(path);
        }
        if (name.endsWith(".npz")) {
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (Map.Entry<String, Npy.Array> e :
                    Npy.readNpz(path, Files.size(path) * 8 + 1024).entrySet()) {
                out.put(e.getKey(), Npy.toTensor(e.getValue()));
            }
            return out;
        }
        try {
            return TorchCheckpoint.read(path).stateDict(subKey);
        } catch (UnsafePickleException e) {
            throw e; // names the global; callers match on it
        } catch (WeightFormatException e) {
            if (e.getMessage() != null && e.getMessage().contains(path.toString())) {
                throw e;
            }
            throw new WeightFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a state_dict into an initialized block.
     *
     * <p>Strict mode checks everything first and, on any missing key, unexpected key or shape
     * mismatch, throws listing all of them and changes nothing. Lenient mode loads what matches and
     * reports the rest.
     *
     * @param block an initialized block
     * @param stateDict tensors by key
     * @param strict whether every key must match
     * @param stripPrefix a key prefix to remove where present (e.g. {@code module.}), or null
     * @return the report
     * @throws WeightLoadException in strict mode, if the state_dict does not match
     */
    public static LoadReport load(
            Block block, Map<String, TensorData> stateDict, boolean strict, String stripPrefix)
            throws WeightLoadException {
        if (!block.isInitialized()) {
            throw new IllegalStateException(
                    "initialize the block (block.initialize(manager, FLOAT32, inputShape)) before loading weights");
        }
        Map<String, Parameter> params = NamedParameters.of(block);
        Map<String, TensorData> sd = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : stateDict.entrySet()) {
            String k = e.getKey();
            if (stripPrefix != null && !stripPrefix.isEmpty() && k.startsWith(stripPrefix)) {
                k = k.substring(stripPrefix.length());
            }
            if (!k.endsWith("num_batches_tracked")) {
                sd.put(k, e.getValue());
            }
        }
        List<String> loaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            TensorData t = sd.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
                continue;
            }
            long[] want = e.getValue().getArray().getShape().getShape();
            if (!Arrays.equals(want, t.shape())) {
                mismatched.add(
                        e.getKey()
                                + ": block "
                                + Arrays.toString(want)
                                + " vs file "
                                + Arrays.toString(t.shape()));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : sd.keySet()) {
            if (!params.containsKey(k)) {
                unexpected.add(k);
            }
        }
        LoadReport report = new LoadReport(loaded, missing, unexpected, mismatched);
        if (strict && !report.isComplete()) {
            throw new WeightLoadException(report);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            TensorData t = sd.get(e.getKey());
            NDArray a = e.getValue().getArray();
            if (t != null && Arrays.equals(a.getShape().getShape(), t.shape())) {
                Assign.copy(a, t.toFloats());
                loaded.add(e.getKey());
            }
        }
        return report;
    }

    /**
     * An array's values as float32 tensor data (safetensors' and torch's parameter dtype), whatever
     * its floating type; a temporary float32 copy is closed.
     *
     * @param a the array
     * @return its float32 data
     */
    public static TensorData floats(NDArray a) {
        NDArray f = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        try {
            return TensorData.ofFloats(a.getShape().getShape(), f.toFloatArray());
        } finally {
            if (f != a) {
                f.close();
            }
        }
    }

    /**
     * Returns a block's weights under their state_dict keys, with {@code num_batches_tracked}
     * (int64, 0) beside every batch norm so that {@code load_state_dict(strict=True)} accepts them.
     *
     * @param block an initialized block
     * @return tensors by key
     */
    public static Map<String, TensorData> stateDict(Block block) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : NamedParameters.of(block).entrySet()) {
            out.put(e.getKey(), floats(e.getValue().getArray()));
            if (e.getKey().endsWith(".running_var")) {
                String k =
                        e.getKey().substring(0, e.getKey().length() - "running_var".length())
                                + "num_batches_tracked";
                out.put(k, new TensorData(DType.INT64, new long[0], new byte[8]));
            }
        }
        return out;
    }

    /**
     * Writes a block's weights as safetensors with the reference's keys: {@code
     * torchvision.models.resnet50().load_state_dict(safetensors.torch.load_file(f))} accepts it.
     *
     * @param block an initialized block
     * @param path the file to write
     * @throws IOException on a write error
     */
    public static void exportSafetensors(Block block, Path path) throws IOException {
        SafeTensors.write(path, stateDict(block));
    }
}

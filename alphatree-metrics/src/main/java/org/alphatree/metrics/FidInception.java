package org.alphatree.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.WeightLoadException;
import org.alphatree.blocks.weights.Weights;

/**
 * The FID feature extractor: pytorch-fid's Inception network with its 2015 weights, giving 64-,
 * 192-, 768- or 2048-dimensional pooled features (FID, KID) and the 1008 logits without the fc bias
 * (IS, torch-fidelity's {@code logits_unbiased}).
 */
public final class FidInception implements AutoCloseable {

    /** The file name of pytorch-fid's weights. */
    public static final String WEIGHTS_FILE = "pt_inception-2015-12-05-6726825d.pth";

    /** Where pytorch-fid publishes them. */
    public static final String WEIGHTS_URL =
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/" + WEIGHTS_FILE;

    private final NDManager manager;
    private final FidInceptionV3 net;
    private final ParameterStore ps;
    private final Preprocessing preprocessing;

    private FidInception(NDManager manager, FidInceptionV3 net, Preprocessing preprocessing) {
        this.manager = manager;
        this.net = net;
        this.ps = new ParameterStore(manager, false);
        this.preprocessing = preprocessing;
    }

    /**
     * The default cache location: {@code $ALPHATREE_HOME/weights/…}, else {@code
     * ~/.alphatree/weights/…}.
     *
     * @return the path where the weights are looked for
     */
    public static Path cachedWeights() {
        String home = System.getenv("ALPHATREE_HOME");
        Path base =
                home != null && !home.isBlank()
                        ? Path.of(home)
                        : Path.of(System.getProperty("user.home"), ".alphatree");
        return base.resolve("weights").resolve(WEIGHTS_FILE);
    }

    /**
     * Loads the extractor with pytorch-fid's weights.
     *
     * @param weights the weights file, or null for the cache location
     * @param preprocessing the preprocessing mode
     * @return the extractor
     * @throws IOException if the weights are missing (the message says which file to put where) or
     *     do not match the network
     */
    public static FidInception load(Path weights, Preprocessing preprocessing) throws IOException {
        Path p = weights != null ? weights : cachedWeights();
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(
                    p.toString(),
                    null,
                    "FID Inception weights not found. Download "
                            + WEIGHTS_URL
                            + " and put it at "
                            + cachedWeights()
                            + " (or pass --weights <file>)");
        }
        Map<String, TensorData> sd = Weights.read(p, null);
        NDManager m = NDManager.newBaseManager();
        try {
            FidInceptionV3 net = FidInceptionV3.create();
            net.initialize(
                    m, DataType.FLOAT32, new Shape(1, 3, Preprocessing.SIZE, Preprocessing.SIZE));
            Weights.load(net, sd, true, null);
            return new FidInception(m, net, preprocessing);
        } catch (WeightLoadException e) {
            m.close();
            throw new IOException(
                    p + " is not pytorch-fid's Inception weights: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Wraps an initialized FID network (e.g. with deterministic weights in tests).
     *
     * @param manager owns the network's parameters; closed with the extractor
     * @param net the network
     * @param preprocessing the preprocessing mode
     * @return the extractor
     */
    public static FidInception of(
            NDManager manager, FidInceptionV3 net, Preprocessing preprocessing) {
        return new FidInception(manager, net, preprocessing);
    }

    /**
     * Returns the preprocessing mode.
     *
     * @return the mode
     */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /**
     * Pooled features of a batch.
     *
     * @param images (N, 3, H, W) in the range of the preprocessing mode
     * @param dims 64, 192, 768 or 2048
     * @return (N, dims) features
     */
    public float[] features(NDArray images, int dims) {
        int block = Arrays.binarySearch(FidInceptionV3.BLOCK_DIMS, dims);
        if (block < 0) {
            throw new IllegalArgumentException(
                    "dims must be one of "
                            + Arrays.toString(FidInceptionV3.BLOCK_DIMS)
                            + ", got "
                            + dims);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(scope);
            NDList out = net.pooledFeatures(ps, preprocessing.apply(x), false);
            return out.get(block).toFloatArray();
        }
    }

    /**
     * The 1008 logits without the fc bias ({@code pool3 · Wᵀ}), as torch-fidelity's Inception Score
     * uses.
     *
     * @param images (N, 3, H, W) in the range of the preprocessing mode
     * @return (N, 1008) logits
     */
    public float[] logitsUnbiased(NDArray images) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(scope);
            NDArray map = net.forwardFeatures(ps, preprocessing.apply(x), false);
            NDArray pool3 =
                    map.getNDArrayInternal().globalAvgPool().reshape(map.getShape().get(0), -1);
            NDArray w = NamedParameters.of(net).get("fc.weight").getArray();
            return pool3.matMul(w.transpose()).toFloatArray();
        }
    }

    /** Releases the network. */
    @Override
    public void close() {
        manager.close();
    }
}

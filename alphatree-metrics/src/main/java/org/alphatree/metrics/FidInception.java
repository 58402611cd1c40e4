package org.alphatree.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.alphatree.blocks.hub.HubCache;
import org.alphatree.blocks.hub.WeightsRegistry;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.layers.Fusion;
import org.alphatree.blocks.runtime.ChannelsLast;
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
    private volatile boolean channelsLast = CHANNELS_LAST_DEFAULT;

    /**
     * Whether batches run channels last unless told otherwise: yes, unless {@code
     * -Dalphatree.channelsLast=false}.
     */
    static final boolean CHANNELS_LAST_DEFAULT =
            !"false".equalsIgnoreCase(System.getProperty("alphatree.channelsLast"));

    private FidInception(NDManager manager, FidInceptionV3 net, Preprocessing preprocessing) {
        this.manager = manager;
        this.net = net;
        this.ps = new ParameterStore(manager, false);
        this.preprocessing = preprocessing;
    }

    /**
     * The location of earlier releases: {@code $ALPHATREE_HOME/weights/…}, else {@code
     * ~/.alphatree/weights/…}; still used when the file is there.
     *
     * @return the path
     */
    public static Path legacyCachedWeights() {
        return HubCache.home().resolve("weights").resolve(WEIGHTS_FILE);
    }

    /**
     * Where the weights are cached: {@code $ALPHATREE_HOME/hub/checkpoints/…} (torch.hub's layout),
     * unless a file is at {@link #legacyCachedWeights()}.
     *
     * @return the path
     */
    public static Path cachedWeights() {
        Path legacy = legacyCachedWeights();
        return Files.isRegularFile(legacy)
                ? legacy
                : HubCache.defaultCache().path(WeightsRegistry.get("fid_inception_v3", null));
    }

    /**
     * Loads the extractor with pytorch-fid's weights.
     *
     * @param weights the weights file, or null for the cache (downloaded there when absent)
     * @param preprocessing the preprocessing mode
     * @return the extractor
     * @throws IOException if the weights are missing (the message says which file to put where) or
     *     do not match the network
     */
    public static FidInception load(Path weights, Preprocessing preprocessing) throws IOException {
        return load(weights, preprocessing, null);
    }

    /**
     * Loads the extractor with pytorch-fid's weights, fetching them into the {@link HubCache}
     * (verified against the hash prefix pytorch-fid puts in the file name) when no file is given
     * and none is cached.
     *
     * @param weights the weights file, or null for the cache
     * @param preprocessing the preprocessing mode
     * @param progress reports a download, or null
     * @return the extractor
     * @throws IOException if the weights are missing (offline: the message says which file to put
     *     where), fail their hash, or do not match the network
     */
    public static FidInception load(Path weights, Preprocessing preprocessing, Progress progress)
            throws IOException {
        Path p;
        if (weights != null) {
            p = weights;
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(
                        p.toString(),
                        null,
                        "FID Inception weights not found (pytorch-fid's "
                                + WEIGHTS_FILE
                                + " from "
                                + WEIGHTS_URL
                                + "; without --weights they are fetched into "
                                + cachedWeights()
                                + ")");
            }
        } else if (Files.isRegularFile(legacyCachedWeights())) {
            p = legacyCachedWeights();
        } else {
            p =
                    HubCache.defaultCache()
                            .fetch(WeightsRegistry.get("fid_inception_v3", null), progress);
        }
        Map<String, TensorData> sd = Weights.read(p, null);
        NDManager m = NDManager.newBaseManager();
        try {
            FidInceptionV3 net = FidInceptionV3.create();
            net.initialize(
                    m, DataType.FLOAT32, new Shape(1, 3, Preprocessing.SIZE, Preprocessing.SIZE));
            Weights.load(net, sd, true, null);
            // inference only: no autograd graph on threads where grad mode is on (Spark tasks,
            // JMH workers)
            for (var param : NamedParameters.of(net).values()) {
                param.getArray().setRequiresGradient(false);
            }
            if (!"false".equalsIgnoreCase(System.getProperty("alphatree.fuse"))) {
                // conv+BN folded into one convolution: 1.08x at batch 50, features to 3e-7
                // (-Dalphatree.fuse=false keeps the units as loaded)
                Fusion.fuse(net);
            }
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
     * Chooses the memory layout of the network's input: channels last (the default; oneDNN's
     * fastest layout on CPU, 1.43× the images/s of NCHW at batch 50 here, features equal to 3e-7
     * relative) or NCHW. Without the PyTorch engine the input stays NCHW.
     *
     * @param on whether to run channels last
     * @return this
     */
    public FidInception channelsLast(boolean on) {
        this.channelsLast = on;
        return this;
    }

    /**
     * Returns whether batches run channels last.
     *
     * @return whether channels last
     */
    public boolean isChannelsLast() {
        return channelsLast;
    }

    /** The preprocessed batch, channels last when chosen and the engine can. */
    private NDArray prepare(NDArray x) {
        NDArray p = preprocessing.apply(x);
        if (channelsLast) {
            try {
                return ChannelsLast.of(p);
            } catch (UnsupportedOperationException e) { // another engine: stay NCHW
                channelsLast = false;
            }
        }
        return p;
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
            NDList out = net.pooledFeatures(ps, prepare(x), false);
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
            NDArray map = net.forwardFeatures(ps, prepare(x), false);
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

package org.alphatree.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.TimeUnit;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.layers.Fusion;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.metrics.FidInception;
import org.alphatree.metrics.Preprocessing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FID feature extraction: one batch of 50 images (64×64, resized to 299) through the FID network,
 * pool3 features. Images per second = 50 / score. Deterministic weights stand in for pytorch-fid's
 * (same cost). {@code path=default} is what {@code alphatree fid} runs (channels last, conv+BN
 * folded); {@code path=nchw} the plain NCHW network as loaded, its in-run peer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class FeatureExtractionBenchmark {

    /** {@code default} (channels last, folded) or {@code nchw} (NCHW, unfused). */
    @Param({"default", "nchw"})
    public String path;

    private NDManager manager;
    private FidInception net;
    private NDArray images;

    /** Builds the FID network. */
    @Setup(Level.Trial)
    public void setUp() {
        NativeAllocator.tune();
        manager = NDManager.newBaseManager();
        JniUtils.setGradMode(false);
        FidInceptionV3 fid = FidInceptionV3.create();
        fid.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 299, 299));
        DeterministicWeights.fill(fid);
        boolean fast = path.equals("default");
        if (fast) {
            Fusion.fuse(fid);
        }
        net = FidInception.of(manager, fid, Preprocessing.PYTORCH_FID).channelsLast(fast);
        images = manager.randomUniform(0, 1, new Shape(50, 3, 64, 64));
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /**
     * One batch of 50.
     *
     * @return the features
     */
    @Benchmark
    public float[] batchOf50() {
        JniUtils.setGradMode(false);
        return net.features(images, 2048);
    }
}

package org.alphatree.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.concurrent.TimeUnit;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.cli.gallery.BlockCatalog;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every block family of the catalog at its canonical shape: inference forward and a training step
 * (forward + backward), batch 1 and 8, with and without the native allocator tuning.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class BlockBenchmark {

    @Param({
        "conv_bn_act",
        "squeeze_excite",
        "drop_path",
        "local_response_norm",
        "basic_block",
        "bottleneck",
        "resnext_bottleneck",
        "se_bottleneck",
        "inception_a",
        "inception_b",
        "inception_c",
        "inception_d",
        "inception_e",
        "block35",
        "block17",
        "block8",
        "dense_layer",
        "dense_block",
        "transition",
        "dual_path",
        "depthwise_conv",
        "fire",
        "inverted_residual",
        "inverted_residual_se",
        "mnas_unit",
        "shuffle_unit"
    })
    public String block;

    @Param({"1", "8"})
    public int batch;

    @Param({"true", "false"})
    public boolean tuning;

    @Param({"cpu"})
    public String device;

    private NDManager manager;
    private Block net;
    private NDArray input;
    private ParameterStore ps;

    /** Builds and initializes the block on the benchmark thread. */
    @Setup(Level.Trial)
    public void setUp() {
        Env.check(device);
        if (tuning) {
            NativeAllocator.tune();
        }
        manager = NDManager.newBaseManager();
        BlockCatalog.Entry e = BlockCatalog.find(block);
        long[] s = e.input().getShape().clone();
        s[0] = batch;
        Shape shape = new Shape(s);
        net = e.factory().get();
        net.initialize(manager, DataType.FLOAT32, shape);
        input = manager.randomNormal(shape);
        ps = new ParameterStore(manager, false);
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /**
     * Inference forward, grad mode off on this thread.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void forward(Blackhole bh) {
        Env.inference(manager, net, ps, input, bh);
    }

    /**
     * Training step: forward in training mode and backward of the mean output.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void trainStep(Blackhole bh) {
        bh.consume(Env.trainStep(manager, net, ps, input));
    }
}

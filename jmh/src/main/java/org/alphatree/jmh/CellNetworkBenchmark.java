package org.alphatree.jmh;

import java.util.concurrent.TimeUnit;
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
 * Inference latency of the NAS line's large networks at batch 1 and 331 px (NASNet-A Large 23.8,
 * PNASNet-5 Large 24.9, PolyNet 34.7 GMACs): many small cell operations rather than a few big
 * convolutions, so per-op overhead shows here more than in {@link NetworkBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class CellNetworkBenchmark {

    @Param({"nasnetalarge", "pnasnet5large", "polynet"})
    public String model;

    @Param({"cpu"})
    public String device;

    private Env.NetworkTrial trial;

    /** Builds and initializes the network at batch 1, allocator tuned. */
    @Setup(Level.Trial)
    public void setUp() {
        trial = Env.networkTrial(model, 1, true, device);
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        trial.manager().close();
    }

    /**
     * One inference forward pass.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void forward(Blackhole bh) {
        Env.inference(trial.manager(), trial.block(), trial.ps(), trial.input(), bh, false);
    }
}

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

/** Inference latency of registered networks on the CPU (PyTorch engine). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class NetworkBenchmark {

    @Param({"resnet50", "inception_v3", "densenet121"})
    public String model;

    @Param({"1", "8"})
    public int batch;

    @Param({"true", "false"})
    public boolean tuning;

    @Param({"cpu"})
    public String device;

    /** Whether the input is stored channels last ({@code ChannelsLast}). */
    @Param({"false", "true"})
    public boolean channelsLast;

    private Env.NetworkTrial trial;

    /** Builds and initializes the network; turns grad mode off on the benchmark thread. */
    @Setup(Level.Trial)
    public void setUp() {
        trial = Env.networkTrial(model, batch, tuning, device);
    }

    /** Releases native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        trial.manager().close();
    }

    /**
     * One inference forward pass; every intermediate array is freed with the sub-manager.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void forward(Blackhole bh) {
        Env.inference(trial.manager(), trial.block(), trial.ps(), trial.input(), bh, channelsLast);
    }
}

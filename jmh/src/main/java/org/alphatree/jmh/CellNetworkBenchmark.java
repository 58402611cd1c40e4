package org.alphatree.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Inference latency of the NAS line's large networks at batch 1 and 331 px (NASNet-A Large 23.8,
 * PNASNet-5 Large 24.9, PolyNet 34.7 GMACs): many small cell operations rather than a few big
 * convolutions, so per-op overhead shows here more than in {@link NetworkBenchmark}.
 */
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class CellNetworkBenchmark extends NativeState {

    @Param({"nasnetalarge", "pnasnet5large", "polynet"})
    public String model;

    @Param({"cpu"})
    public String device;

    /** Builds and initializes the network at batch 1, allocator tuned. */
    @Setup(Level.Trial)
    public void setUp() {
        openNetwork(model, 1, true, device);
    }

    /**
     * One inference forward pass.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void forward(Blackhole bh) {
        Env.inference(manager, network, ps, input, bh, false);
    }
}

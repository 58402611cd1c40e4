package org.alphatree.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/** Inference latency of registered networks on the CPU (PyTorch engine). */
@Measurement(iterations = 3, time = 3)
public class NetworkBenchmark extends TrialParams {

    @Param({"resnet50", "inception_v3", "densenet121"})
    public String model;

    /** Whether the input is stored channels last ({@code ChannelsLast}). */
    @Param({"false", "true"})
    public boolean channelsLast;

    /** Builds and initializes the network; turns grad mode off on the benchmark thread. */
    @Setup(Level.Trial)
    public void setUp() {
        openNetwork(model, batch, tuning, device);
    }

    /**
     * One inference forward pass; every intermediate array is freed with the sub-manager.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void forward(Blackhole bh) {
        Env.inference(manager, network, ps, input, bh, channelsLast);
    }
}

package org.alphatree.jmh;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.concurrent.TimeUnit;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Depthwise 3x3 convolutions (the light line's memory-bound layer) as throughput and as memory
 * bandwidth: the {@code bytes} counter adds the bytes one forward must move at least (input, output
 * and weights, float32), so JMH reports it per second, i.e. the achieved GB/s, beside the ops/s.
 * Shapes: MobileNetV2's depthwise layers at batch 8 (144 @ 56, 192 @ 28, 576 @ 14).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DepthwiseBandwidthBenchmark extends NativeState {

    @Param({"144x56", "192x28", "576x14"})
    public String shape;

    @Param({"8"})
    public int batch;

    private Block conv;
    private long bytesPerOp;

    /** The bytes moved, reported per second (GB/s = the score / 1e9). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        /** Bytes moved so far. */
        public long bytes;
    }

    /** Builds and initializes the convolution. */
    @Setup(Level.Trial)
    public void setUp() {
        NativeAllocator.tune();
        String[] p = shape.split("x");
        int c = Integer.parseInt(p[0]);
        int hw = Integer.parseInt(p[1]);
        open();
        Shape in = new Shape(batch, c, hw, hw);
        conv = Layers.conv2d(c, 3, 1, 1, c, false);
        conv.initialize(manager, DataType.FLOAT32, in);
        input = manager.randomNormal(in);
        // read the input and write the output once, read the 3x3 weights
        bytesPerOp = 4L * (2L * in.size() + 9L * c);
    }

    /**
     * One inference forward.
     *
     * @param bh the blackhole
     * @param traffic the bandwidth counter
     */
    @Benchmark
    public void forward(Blackhole bh, Traffic traffic) {
        Env.inference(manager, conv, ps, input, bh);
        traffic.bytes += bytesPerOp;
    }
}

package org.alphatree.jmh;

import org.alphatree.cli.gallery.BlockCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every block family of the catalog at its canonical shape: inference forward and a training step
 * (forward + backward), batch 1 and 8, with and without the native allocator tuning.
 */
public class BlockBenchmark extends TrialParams {

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

    /** Builds and initializes the block on the benchmark thread. */
    @Setup(Level.Trial)
    public void setUp() {
        BlockCatalog.Entry e = BlockCatalog.find(block);
        take(Env.trial(e.factory(), e.input(), batch, tuning, device));
    }

    /**
     * Inference forward, grad mode off on this thread.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void forward(Blackhole bh) {
        Env.inference(manager, network, ps, input, bh);
    }

    /**
     * Training step: forward in training mode and backward of the mean output.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void trainStep(Blackhole bh) {
        bh.consume(Env.trainStep(manager, network, ps, input));
    }
}

package org.alphatree.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.blocks.weights.NamedParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * AlphaTree's overhead: the conv-BN-ReLU block against the same three calls on raw NDArrays with
 * the same weights, in one run.
 */
public class BaselineBenchmark extends NativeState {

    @Param({"1", "8"})
    public int batch;

    private ConvNormAct block;
    private NDArray w;
    private NDArray gamma;
    private NDArray beta;
    private NDArray mean;
    private NDArray var;

    /** Builds the block and takes its weights for the raw version. */
    @Setup(Level.Trial)
    public void setUp() {
        NativeAllocator.tune();
        open();
        Shape shape = new Shape(batch, 64, 56, 56);
        block = ConvNormAct.builder().setFilters(64).setKernel(3).optPadding(1).build();
        block.initialize(manager, DataType.FLOAT32, shape);
        var p = NamedParameters.of(block);
        w = p.get("conv.weight").getArray();
        gamma = p.get("bn.weight").getArray();
        beta = p.get("bn.bias").getArray();
        mean = p.get("bn.running_mean").getArray();
        var = p.get("bn.running_var").getArray();
        input = manager.randomNormal(shape);
    }

    /**
     * The AlphaTree block.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void alphatree(Blackhole bh) {
        Env.inference(manager, block, ps, input, bh);
    }

    /**
     * The same computation as raw NDArray calls.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void rawNdarray(Blackhole bh) {
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(scope);
            NDArray y =
                    Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                            .head();
            y =
                    y.getNDArrayInternal()
                            .batchNorm(y, mean, var, gamma, beta, -1, 0.9f, 1e-5f, false)
                            .head();
            y = Activation.relu(y);
            y.attach(scope);
            bh.consume(y.getFloat(0, 0, 0, 0));
        }
    }
}

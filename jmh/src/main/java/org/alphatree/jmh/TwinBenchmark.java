package org.alphatree.jmh;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.cli.gallery.BlockCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * AlphaTree's Bottleneck against its reference traced to TorchScript (torchvision's, same
 * deterministic weights; tools/fixtures/twins.py), both through DJL on the same libtorch. The setup
 * also checks that the two give the same output.
 */
public class TwinBenchmark extends NativeState {

    @Param({"1", "8"})
    public int batch;

    private Model twin;
    private Block twinBlock;
    private Block block;

    /** Loads the twin, builds AlphaTree's block with the same weights, checks parity. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        NativeAllocator.tune();
        open();
        JniUtils.setGradMode(false);
        Path dir = Files.createTempDirectory("twin");
        try (InputStream in = TwinBenchmark.class.getResourceAsStream("bottleneck_twin.pt")) {
            Files.copy(in, dir.resolve("bottleneck_twin.pt"));
        }
        twin = Model.newInstance("bottleneck_twin", "PyTorch");
        twin.load(dir, "bottleneck_twin");
        twinBlock = twin.getBlock();
        Shape shape = new Shape(batch, 64, 56, 56);
        block = BlockCatalog.find("bottleneck").factory().get();
        block.initialize(manager, DataType.FLOAT32, shape);
        DeterministicWeights.fill(block);
        input = manager.randomNormal(shape);
        try (NDManager s = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(s);
            float[] a = block.forward(ps, new NDList(x), false).head().toFloatArray();
            float[] b = twinBlock.forward(ps, new NDList(x), false).head().toFloatArray();
            double maxDiff = 0;
            double maxRef = 0;
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                maxRef = Math.max(maxRef, Math.abs(b[i]));
            }
            if (maxDiff > 1e-4 * maxRef) {
                throw new IllegalStateException(
                        "AlphaTree and the TorchScript twin differ: " + maxDiff / maxRef);
            }
        }
    }

    /** Releases the twin and native memory. */
    @Override
    public void tearDown() {
        twin.close();
        super.tearDown();
    }

    /**
     * AlphaTree's Bottleneck.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void alphatree(Blackhole bh) {
        run(block, bh);
    }

    /**
     * torchvision's Bottleneck as TorchScript.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void torchscriptTwin(Blackhole bh) {
        run(twinBlock, bh);
    }

    private void run(Block b, Blackhole bh) {
        Env.inference(manager, b, ps, input, bh);
    }
}

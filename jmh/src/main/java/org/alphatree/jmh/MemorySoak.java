package org.alphatree.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.cli.gallery.BlockCatalog;

/**
 * Steady-state memory of the benchmark loops: per block (inference forward, and training steps with
 * {@code --train}) 2,000 warm-up iterations, then 1,000 more ({@code -Dsoak.warmup}, {@code
 * -Dsoak.iterations}); prints RSS at both points. Run with a fixed, pre-touched heap so that RSS
 * shows native memory: {@code java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp benchmarks.jar
 * org.alphatree.jmh.MemorySoak [--train] block...}. A process's first 1,000–2,000 training steps
 * grow RSS by up to about 55 MB and then stop (conv-BN-ReLU: +43 MB over steps 300–1,300, +55 MB
 * over 300–3,300, +0.8 MB over 2,000–4,000, measured here): that is what the warm-up absorbs.
 */
public final class MemorySoak {
    private static final int WARMUP = Integer.getInteger("soak.warmup", 2000);
    private static final int ITERATIONS = Integer.getInteger("soak.iterations", 1000);

    private MemorySoak() {}

    /**
     * Runs the soak.
     *
     * @param args {@code [--train] block...}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        NativeAllocator.tune();
        boolean train = false;
        for (String name : args) {
            if (name.equals("--train")) {
                train = true;
                continue;
            }
            BlockCatalog.Entry e = BlockCatalog.find(name);
            try (NDManager m = NDManager.newBaseManager()) {
                Block b = e.factory().get();
                b.initialize(m, DataType.FLOAT32, e.input());
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomNormal(e.input());
                long warm = 0;
                for (int i = 1; i <= WARMUP + ITERATIONS; i++) {
                    if (train) {
                        Env.trainStep(m, b, ps, x);
                    } else {
                        try (NDManager s = m.newSubManager()) {
                            NDArray xs = x.duplicate();
                            xs.attach(s);
                            b.forward(ps, new NDList(xs), false).attach(s);
                        }
                    }
                    if (i == WARMUP) {
                        warm = GradientPenaltySoak.rssKb();
                    }
                }
                long end = GradientPenaltySoak.rssKb();
                System.out.printf(
                        Locale.ROOT,
                        "%-20s %-9s RSS after %d: %7.1f MB, after %d more: %7.1f MB, growth"
                                + " %6.1f MB%n",
                        name,
                        train ? "train" : "inference",
                        WARMUP,
                        warm / 1024.0,
                        ITERATIONS,
                        end / 1024.0,
                        (end - warm) / 1024.0);
            }
        }
    }
}

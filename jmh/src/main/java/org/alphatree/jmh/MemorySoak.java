package org.alphatree.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Locale;
import org.alphatree.blocks.registry.BlockCatalog;
import org.alphatree.blocks.runtime.NativeAllocator;

/**
 * Steady-state memory of the benchmark loops: 1,000 iterations per block (inference forward, and
 * training steps with {@code --train}), RSS after 100 and after 1,000. Run with a bounded heap so
 * RSS shows native memory: {@code java -Xmx256m -cp benchmarks.jar org.alphatree.jmh.MemorySoak
 * [--train] block...}.
 */
public final class MemorySoak {
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
                long at100 = 0;
                for (int i = 1; i <= 1000; i++) {
                    try (NDManager s = m.newSubManager()) {
                        NDArray xs = x.duplicate();
                        xs.attach(s);
                        if (train) {
                            try (GradientCollector gc =
                                    Engine.getInstance().newGradientCollector()) {
                                NDList y = b.forward(ps, new NDList(xs), true);
                                y.attach(s);
                                gc.backward(y.head().mean());
                            }
                            for (Parameter p : b.getParameters().values()) {
                                if (p.requiresGradient()) {
                                    p.getArray().getGradient().muli(0);
                                }
                            }
                        } else {
                            b.forward(ps, new NDList(xs), false).attach(s);
                        }
                    }
                    if (i == 100) {
                        at100 = GradientPenaltySoak.rssKb();
                    }
                }
                long end = GradientPenaltySoak.rssKb();
                System.out.printf(
                        Locale.ROOT,
                        "%-20s %-9s RSS after 100: %7.1f MB, after 1000: %7.1f MB, growth %6.1f MB%n",
                        name,
                        train ? "train" : "inference",
                        at100 / 1024.0,
                        end / 1024.0,
                        (end - at100) / 1024.0);
            }
        }
    }
}

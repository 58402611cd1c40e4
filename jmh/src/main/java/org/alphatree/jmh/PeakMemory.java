package org.alphatree.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.runtime.NativeAllocator;

/**
 * Peak resident memory of one training step (forward and backward of the mean logit) of a
 * registered network: {@code java -Xmx256m -cp benchmarks.jar org.alphatree.jmh.PeakMemory
 * densenet121 8 224}. Prints RSS after building the network and the process's peak ({@code VmHWM})
 * after the step, to compare with {@code ru_maxrss} of the same step in PyTorch.
 */
public final class PeakMemory {
    private PeakMemory() {}

    private static long kb(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /**
     * Runs one step.
     *
     * @param args model, batch, size
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PeakMemory <model> <batch> <size>");
            System.exit(2);
        }
        NativeAllocator.tune();
        Shape shape =
                new Shape(
                        Integer.parseInt(args[1]),
                        3,
                        Integer.parseInt(args[2]),
                        Integer.parseInt(args[2]));
        try (NDManager m = NDManager.newBaseManager()) {
            Block net = ModelRegistry.get(args[0]).build();
            net.initialize(m, DataType.FLOAT32, shape);
            ParameterStore ps = new ParameterStore(m, false);
            long built = kb("VmRSS");
            try (NDManager s = m.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = s.randomNormal(shape);
                NDList out = net.forward(ps, new NDList(x), true);
                gc.backward(out.head().mean());
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s batch %s %s²: RSS after building %.0f MB, peak after one training step %.0f"
                            + " MB%n",
                    args[0],
                    args[1],
                    args[2],
                    built / 1024.0,
                    kb("VmHWM") / 1024.0);
        }
    }
}

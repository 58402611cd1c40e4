package org.alphatree.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.losses.GradientPenalty;
import org.alphatree.losses.Reduction;
import org.alphatree.losses.WassersteinLoss;
import org.alphatree.losses.training.Ring;

/**
 * Soak test of the leak-free double backward: WGAN-GP critic steps on a small MLP, printing the
 * process's resident memory every 500 steps. Usage: {@code java -cp benchmarks.jar
 * org.alphatree.jmh.GradientPenaltySoak [steps]}.
 */
public final class GradientPenaltySoak {
    private GradientPenaltySoak() {}

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /**
     * Runs the soak.
     *
     * @param args optional step count (default 5000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Engine.getInstance().setRandomSeed(1);
        try (NDManager m = NDManager.newBaseManager()) {
            Ring ring = new Ring(8, 2.0, 0.02, 1);
            Block d = Ring.mlp(m, 2, 128, 1);
            ParameterStore ps = new ParameterStore(m, false);
            Optimizer opt =
                    Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(1e-4f))
                            .optBeta1(0.5f)
                            .optBeta2(0.9f)
                            .build();
            GradientPenalty gp = GradientPenalty.builder().build();
            WassersteinLoss w = WassersteinLoss.critic(Reduction.MEAN);
            long warm = 0;
            for (int i = 1; i <= steps; i++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray real = ring.sample(s, 256);
                    NDArray fake = s.randomNormal(new Shape(256, 2));
                    Gradients.zero(d);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss =
                                w.evaluate(
                                        new NDList(d.forward(ps, new NDList(real), true).head()),
                                        new NDList(d.forward(ps, new NDList(fake), true).head()));
                        gc.backward(loss.add(gp.wgan(d, ps, real, fake)));
                    }
                    for (Parameter p : d.getParameters().values()) {
                        try (NDArray g = p.getArray().getGradient()) {
                            opt.update(p.getId(), p.getArray(), g);
                        }
                    }
                }
                if (i == 500) {
                    warm = rssKb();
                }
                if (i % 500 == 0) {
                    long rss = rssKb();
                    System.out.printf(
                            Locale.ROOT,
                            "step %5d  RSS %7.1f MB  growth since step 500 %6.1f MB%n",
                            i,
                            rss / 1024.0,
                            (rss - warm) / 1024.0);
                }
            }
        }
    }
}

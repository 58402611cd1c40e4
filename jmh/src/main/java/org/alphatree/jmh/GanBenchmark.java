package org.alphatree.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.util.concurrent.TimeUnit;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.losses.GradientPenalty;
import org.alphatree.losses.Reduction;
import org.alphatree.losses.WassersteinLoss;
import org.alphatree.losses.training.Ring;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One WGAN critic step (forward, loss, backward) on a 2-128-128-1 MLP, with and without the
 * gradient penalty.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GanBenchmark extends NativeState {

    @Param({"true", "false"})
    public boolean penalty;

    private Block critic;
    private Ring ring;
    private final GradientPenalty gp = GradientPenalty.builder().build();
    private final WassersteinLoss loss = WassersteinLoss.critic(Reduction.MEAN);

    /** Builds the critic. */
    @Setup(Level.Trial)
    public void setUp() {
        open();
        critic = Ring.mlp(manager, 2, 128, 1);
        ring = new Ring(8, 2, 0.02, 1);
    }

    /**
     * One critic step on batch 256.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void criticStep(Blackhole bh) {
        try (NDManager s = manager.newSubManager()) {
            NDArray real = ring.sample(s, 256);
            NDArray fake = s.randomNormal(real.getShape());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l =
                        loss.evaluate(
                                new NDList(critic.forward(ps, new NDList(real), true).head()),
                                new NDList(critic.forward(ps, new NDList(fake), true).head()));
                if (penalty) {
                    l = l.add(gp.wgan(critic, ps, real, fake));
                }
                gc.backward(l);
                bh.consume(l.getFloat());
            }
        }
        Gradients.zero(critic);
    }
}

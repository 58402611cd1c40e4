package org.alphatree.losses;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.alphatree.blocks.gan.conditional.LabelConcat;
import org.alphatree.blocks.gan.conditional.TrunkHeads;
import org.alphatree.losses.training.GanTrainer;
import org.alphatree.losses.training.Objective;
import org.alphatree.losses.training.Ring;
import org.junit.jupiter.api.Test;

/** Seeded conditional and InfoGAN runs on the ring, with asserted outcomes. */
class ConditionalTrainingTest {

    static final int STEPS = Integer.getInteger("alphatree.test.ganSteps", 1200);

    /** A conditional MLP pair: G(z, k) and D(x, k) with a label embedding of 8. */
    static Block[] conditionalPair(NDManager m) {
        Block g = new LabelConcat(Ring.mlp(m, 8 + 8, 128, 2), 8, 8, true);
        g.initialize(m, DataType.FLOAT32, new Shape(1, 8), new Shape(1));
        Block d = new LabelConcat(Ring.mlp(m, 2 + 8, 128, 1), 8, 8, false);
        d.initialize(m, DataType.FLOAT32, new Shape(1, 2), new Shape(1));
        return new Block[] {g, d};
    }

    /**
     * The ring with the mode index as label: after a seeded run, each class's samples land on its
     * own mode. The bar, 6 of 8 classes with at least half their samples on their own mode, is far
     * above chance (a label-blind generator puts 1/8 of each class on it) and leaves room for one
     * or two modes a short run is still drifting towards.
     */
    @Test
    void conditionalRingSamplesObeyTheirLabels() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            Ring ring = new Ring(8, 2.0, 0.02, 7);
            Block[] gd = conditionalPair(m);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(gd[0], gd[1], 8)
                            .setManager(m)
                            .optObjective(Objective.NS)
                            .optConditional(8)
                            .optAdam(2e-3f, 0.5f, 0.9f)
                            .optLinearDecay(STEPS * 3 / 5, STEPS)
                            .build()) {
                for (int i = 0; i < STEPS; i++) {
                    t.stepLabelled(s -> ring.sampleLabelled(s, 256));
                }
                long[] labels = new long[800];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = i % 8;
                }
                NDArray xy = t.sampleLabelled(m, m.create(labels));
                double[] own = ring.ownModeFractions(xy.toFloatArray(), labels);
                long obeyed = Arrays.stream(own).filter(f -> f >= 0.5).count();
                System.out.println("conditional ring: own-mode fractions " + Arrays.toString(own));
                assertTrue(obeyed >= 6, "classes on their own mode: " + Arrays.toString(own));
                assertThrows(IllegalStateException.class, () -> t.sample(m, 4));
                assertThrows(IllegalStateException.class, () -> t.step(s -> ring.sample(s, 4)));
            }
        }
    }

    /**
     * InfoGAN on the ring with an 8-way categorical code and no labels: Q must recover the code
     * from the generated point. The categorical MI estimate log 8 − CE is 0 when Q guesses and log
     * 8 = 2.08 nats when it recovers every code; the bar, half of log 8, means Q's cross-entropy is
     * at most that of a uniform guess over √8 ≈ 2.8 categories — which only a generator whose
     * output depends on the code allows.
     */
    @Test
    void infoGanRecoversItsCategoricalCode() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            Ring ring = new Ring(8, 2.0, 0.02, 5);
            Block g = Ring.mlp(m, 4 + 8, 128, 2);
            SequentialBlock trunk =
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(128).build())
                            .add(ai.djl.nn.Activation::relu)
                            .add(Linear.builder().setUnits(128).build())
                            .add(ai.djl.nn.Activation::relu);
            Block d =
                    new TrunkHeads(
                            "InfoD",
                            "trunk",
                            trunk,
                            new String[] {"adv", "q_cat"},
                            new int[] {1, 8});
            d.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            InfoGanLoss info = new InfoGanLoss(8, 0, 1f, 0f);
            try (GanTrainer t =
                    GanTrainer.builder()
                            .setNetworks(g, d, 12)
                            .setManager(m)
                            .optObjective(Objective.NS)
                            .optInfoGan(info)
                            .optAdam(2e-3f, 0.5f, 0.9f)
                            .optLinearDecay(STEPS * 3 / 5, STEPS)
                            .build()) {
                for (int i = 0; i < STEPS; i++) {
                    t.step(s -> ring.sample(s, 256));
                }
                long[] cats = new long[800];
                for (int i = 0; i < cats.length; i++) {
                    cats[i] = i % 8;
                }
                NDArray c = m.create(cats);
                NDArray xy = t.sampleCodes(m, c, m.zeros(new Shape(800, 0)));
                NDList q = d.forward(new ParameterStore(m, false), new NDList(xy), false);
                double mi = info.mutualInformation(c, q.get(1));
                int[] modes = ring.nearestModes(xy.toFloatArray());
                System.out.println(
                        "infogan ring: MI "
                                + mi
                                + " of "
                                + Math.log(8)
                                + ", modes hit "
                                + ring.modesHit(xy.toFloatArray(), 0.02));
                assertTrue(mi > 0.5 * Math.log(8), "MI estimate " + mi);
                // the code controls one factor, where on the ring the sample lies: the share of
                // the samples' spread explained by their category (eta squared: 0 for a generator
                // that ignores the code, 1 when each category is one point)
                float[] p = xy.toFloatArray();
                double[][] mean = new double[8][2];
                double[] all = new double[2];
                for (int i = 0; i < cats.length; i++) {
                    for (int j = 0; j < 2; j++) {
                        mean[(int) cats[i]][j] += p[2 * i + j] / 100.0;
                        all[j] += p[2 * i + j] / cats.length;
                    }
                }
                double total = 0;
                double within = 0;
                for (int i = 0; i < cats.length; i++) {
                    for (int j = 0; j < 2; j++) {
                        total += Math.pow(p[2 * i + j] - all[j], 2);
                        within += Math.pow(p[2 * i + j] - mean[(int) cats[i]][j], 2);
                    }
                }
                double eta2 = 1 - within / total;
                System.out.println("infogan ring: eta^2 of position by category " + eta2);
                assertTrue(eta2 > 0.8, "the category explains " + eta2 + " of the spread");
            }
        }
    }
}

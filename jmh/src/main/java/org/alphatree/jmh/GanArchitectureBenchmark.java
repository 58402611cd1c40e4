package org.alphatree.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.blocks.gan.biggan.BigGan;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One generator step and one discriminator step (forward, loss, backward; no optimizer) of the tiny
 * StyleGAN2 (16 px, G 44,958 / D 53,041 parameters) and the tiny BigGAN (32 px, G 19,315 / D
 * 17,201) at batch 8: the non-saturating logistic loss for StyleGAN2, the hinge loss for BigGAN.
 */
public class GanArchitectureBenchmark extends NativeState {

    /** Which GAN. */
    @Param({"stylegan2", "biggan"})
    public String model;

    private static final int BATCH = 8;

    private Block g;
    private Block d;
    private Shape z;
    private Shape x;

    /** Builds the networks. */
    @Setup(Level.Trial)
    public void setUp() {
        open();
        if (model.equals("stylegan2")) {
            StyleGan2.Spec spec = StyleGan2.Spec.tiny(16);
            g = StyleGan2.generator(spec);
            d = StyleGan2.discriminator(spec);
            z = new Shape(BATCH, 32);
            x = new Shape(BATCH, 3, 16, 16);
            g.initialize(manager, DataType.FLOAT32, z);
            d.initialize(manager, DataType.FLOAT32, x);
        } else {
            BigGan.Spec spec = BigGan.Spec.tiny(10);
            g = BigGan.generator(spec);
            d = BigGan.discriminator(spec);
            z = new Shape(BATCH, spec.latent());
            x = new Shape(BATCH, 3, 32, 32);
            g.initialize(manager, DataType.FLOAT32, z, new Shape(BATCH));
            d.initialize(manager, DataType.FLOAT32, x, new Shape(BATCH));
        }
    }

    private NDList inputs(NDManager s, NDArray a) {
        return model.equals("stylegan2")
                ? new NDList(a)
                : new NDList(a, s.randomInteger(0, 10, new Shape(BATCH), DataType.INT64));
    }

    private NDArray generatorLoss(NDArray scores) {
        // non-saturating softplus(-D(G(z))) / hinge -D(G(z))
        return model.equals("stylegan2")
                ? scores.neg().exp().add(1f).log().mean()
                : scores.neg().mean();
    }

    private NDArray criticLoss(NDArray real, NDArray fake) {
        if (model.equals("stylegan2")) {
            return real.neg().exp().add(1f).log().mean().add(fake.exp().add(1f).log().mean());
        }
        return ai.djl.nn.Activation.relu(real.neg().add(1f))
                .mean()
                .add(ai.djl.nn.Activation.relu(fake.add(1f)).mean());
    }

    /**
     * One generator step: G forward, D on the fakes, loss, backward into G (and through D).
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void generatorStep(Blackhole bh) {
        try (NDManager s = manager.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fake = g.forward(ps, inputs(s, s.randomNormal(z)), true).head();
                NDArray l = generatorLoss(d.forward(ps, inputs(s, fake), true).head());
                gc.backward(l);
                bh.consume(l.getFloat());
            }
        }
        Gradients.zero(g);
        Gradients.zero(d);
    }

    /**
     * One discriminator step: D on reals and on detached fakes, loss, backward into D.
     *
     * @param bh the blackhole
     */
    @Benchmark
    public void discriminatorStep(Blackhole bh) {
        try (NDManager s = manager.newSubManager()) {
            NDArray fake = g.forward(ps, inputs(s, s.randomNormal(z)), false).head().stopGradient();
            NDArray real = s.randomUniform(-1f, 1f, x);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l =
                        criticLoss(
                                d.forward(ps, inputs(s, real), true).head(),
                                d.forward(ps, inputs(s, fake), true).head());
                gc.backward(l);
                bh.consume(l.getFloat());
            }
        }
        Gradients.zero(d);
    }
}

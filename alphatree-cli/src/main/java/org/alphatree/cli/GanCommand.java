package org.alphatree.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.alphatree.blocks.core.Checks;
import org.alphatree.blocks.gan.DCGAN;
import org.alphatree.blocks.gan.biggan.BigGan;
import org.alphatree.blocks.gan.conditional.LabelConcat;
import org.alphatree.blocks.gan.conditional.TrunkHeads;
import org.alphatree.blocks.gan.improved.MinibatchDiscrimination;
import org.alphatree.blocks.gan.progan.ProGan;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;
import org.alphatree.losses.InfoGanLoss;
import org.alphatree.losses.PathLengthPenalty;
import org.alphatree.losses.training.GanTrainer;
import org.alphatree.losses.training.Objective;
import org.alphatree.losses.training.ProgressiveSchedule;
import org.alphatree.losses.training.Ring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alphatree gan}: GAN training on built-in data. */
@Command(
        name = "gan",
        description = "Train GANs with AlphaTree's losses and trainer.",
        subcommands = {GanCommand.Train.class})
final class GanCommand extends CliCommand {

    /** Without a subcommand: prints the usage, which lists them. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out());
        return 0;
    }

    /** {@code alphatree gan train}. */
    @Command(
            name = "train",
            description = {
                "Train a GAN and write samples.png, loss_curve.png, history.csv and checkpoints to --out.",
                "  --data ring     a 2-D ring of 8 Gaussians, MLP generator and critic",
                "  --data shapes   16x16 procedurally drawn discs and squares, DCGAN",
                "  --data PATH     an IDX image file (Fashion-MNIST, raw or .gz) or a folder of png/jpg,",
                "                  as 32x32 grayscale images, DCGAN",
                "On the ring it also prints how many of the 8 modes the samples hit (>= 2%% of 1,000",
                "samples within 0.2 of a mode's centre).",
                "  --conditional   (ring) CGAN: the mode index is the label; samples.png shows one",
                "                  panel per class and it prints each class's share on its own mode",
                "  --progan        (images) ProGAN grown from 4x4, pixel norm, equalized learning rate",
                "  --stylegan2     (images) a tiny StyleGAN2: non-saturating loss, lazy R1, path",
                "                  length regularization and style mixing, Adam (0, 0.99)",
                "  --biggan        (shapes) a tiny class-conditional BigGAN (disc or square as the",
                "                  label): hinge loss, orthogonal regularization, Adam (0, 0.999);",
                "                  samples.png has discs in its even rows, squares in its odd rows",
                "  --minibatch-discrimination  (ring) a minibatch-discrimination layer in the critic",
                "  --infogan       (ring) InfoGAN with an 8-way categorical code and no labels;",
                "                  samples.png shows one panel per code value and it prints the",
                "                  code's mutual-information estimate (log 8 = 2.08 nats at best)"
            })
    static final class Train extends CliCommand {

        @Option(
                names = "--loss",
                description =
                        "wgan-gp, wgan, lsgan, hinge, ns or ralsgan (default: wgan-gp; ns with"
                                + " --stylegan2, hinge with --biggan).")
        String loss;

        @Option(
                names = "--steps",
                description =
                        "Generator steps (default: 2500 on the ring, else 500). On the ring the"
                                + " learning rate is held for the first 60%% of the steps, then"
                                + " decays linearly to 0.")
        Integer stepsOption;

        int steps;

        @Option(names = "--out", required = true, description = "Output folder.")
        Path out;

        @Option(
                names = "--data",
                defaultValue = "ring",
                description =
                        "ring, shapes, or a path to an IDX file (Fashion-MNIST) or an image folder (default: ${DEFAULT-VALUE}).")
        String data;

        @Option(
                names = "--batch-size",
                description = "Batch size (default: 256 on the ring, else 128).")
        Integer batchOption;

        int batch;

        @Option(
                names = "--critic-steps",
                description =
                        "Critic steps per generator step (default: 5 for WGAN losses, else 1).")
        Integer criticSteps;

        @Option(
                names = "--lr",
                description =
                        "Adam learning rate, betas (0.5, 0.9) (default: 2e-3 on the ring, else 2e-4).")
        Float lrOption;

        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--ema",
                defaultValue = "0",
                description =
                        "Generator EMA decay for sampling, e.g. 0.999; 0 = off (default: ${DEFAULT-VALUE}).")
        float ema;

        @Option(
                names = "--conditional",
                description =
                        "Train a conditional GAN on the ring, its mode index as the label (CGAN:"
                                + " a label embedding concatenated to both networks' inputs).")
        boolean conditional;

        @Option(
                names = "--infogan",
                description =
                        "Train an InfoGAN on the ring with an 8-way categorical code (Q head on"
                                + " the critic's trunk, MI term weight 1).")
        boolean infogan;

        @Option(
                names = "--minibatch-discrimination",
                description =
                        "(ring) Give the critic a minibatch-discrimination layer (16 kernels x 4"
                                + " dims, Salimans et al. 2016) before its output.")
        boolean minibatchDiscrimination;

        @Option(
                names = "--progan",
                description =
                        "Grow a ProGAN progressively from 4x4 on the image data (shapes or a path),"
                                + " with the drift penalty (the paper's loss with --loss wgan-gp).")
        boolean progan;

        @Option(
                names = "--stylegan2",
                description =
                        "Train a tiny StyleGAN2 (z = w = 32, mapping 2) on the image data (shapes"
                                + " or a path) with the paper's regularizers.")
        boolean stylegan2;

        @Option(
                names = "--biggan",
                description =
                        "Train a tiny class-conditional BigGAN (ch 4, 32 px, attention at 16) on"
                                + " --data shapes, the shape as the label.")
        boolean biggan;

        @Override
        public Integer call() throws Exception {
            Objective objective =
                    Objective.parse(
                            loss != null ? loss : stylegan2 ? "ns" : biggan ? "hinge" : "wgan-gp");
            boolean ring = data.equals("ring");
            int models =
                    (progan ? 1 : 0)
                            + (stylegan2 ? 1 : 0)
                            + (biggan ? 1 : 0)
                            + (conditional ? 1 : 0)
                            + (infogan ? 1 : 0);
            if (models > 1) {
                throw new IllegalArgumentException(
                        "--progan, --stylegan2, --biggan, --conditional and --infogan are"
                                + " different models: choose one");
            }
            if (stylegan2 && ring) {
                throw new IllegalArgumentException(
                        "--stylegan2 generates images: use --data shapes or an image path");
            }
            if (biggan && !data.equals("shapes")) {
                throw new IllegalArgumentException(
                        "--biggan is class-conditional: use --data shapes (disc or square as the"
                                + " label)");
            }
            if (minibatchDiscrimination && (!ring || conditional || infogan)) {
                throw new IllegalArgumentException(
                        "--minibatch-discrimination applies to the plain ring GAN");
            }
            if (progan && ring) {
                throw new IllegalArgumentException(
                        "--progan grows images: use --data shapes or an image path");
            }
            if ((conditional || infogan) && !ring) {
                throw new IllegalArgumentException(
                        (conditional ? "--conditional" : "--infogan")
                                + " applies to --data ring (8 modes, the mode index as the label)");
            }
            if (conditional && infogan) {
                throw new IllegalArgumentException(
                        "--conditional and --infogan are two different models: choose one");
            }
            steps = stepsOption != null ? stepsOption : ring ? 2500 : 500;
            float lr = lrOption != null ? lrOption : ring ? 2e-3f : stylegan2 ? 2.5e-3f : 2e-4f;
            batch = batchOption != null ? batchOption : ring ? 256 : 128;
            // every option's range is checked before any work starts
            if (!(lr > 0 && lr <= 1)) {
                throw new IllegalArgumentException(
                        "--lr must be in (0, 1] (Adam's step size), got " + lr);
            }
            if (steps < 1 || steps > 10_000_000) {
                throw new IllegalArgumentException(
                        "--steps must be in [1, 10000000], got " + steps);
            }
            if (batch < 2 || batch > 65_536) {
                throw new IllegalArgumentException(
                        "--batch-size must be in [2, 65536], got " + batch);
            }
            if (criticSteps != null && (criticSteps < 1 || criticSteps > 100)) {
                throw new IllegalArgumentException(
                        "--critic-steps must be in [1, 100], got " + criticSteps);
            }
            Checks.rate(ema, "--ema");
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " exists and is not a folder");
            }
            ImageData images = null;
            if (!ring && !data.equals("shapes")) {
                if (!Files.exists(Path.of(data))) {
                    throw new IllegalArgumentException(
                            "--data must be ring, shapes, or an existing IDX file or image folder, got '"
                                    + data
                                    + "'");
                }
                images = ImageData.load(Path.of(data), 32, 60000, seed);
            }
            Files.createDirectories(out);
            PrintWriter err = err();
            Engine.getInstance().setRandomSeed((int) seed);
            String summary = null;
            try (NDManager m = NDManager.newBaseManager()) {
                Block g;
                Block d;
                int nz;
                Function<NDManager, NDArray> real;
                Ring r = new Ring(8, 2.0, 0.02, seed);
                Shapes16 shapes = new Shapes16(seed);
                if (ring && conditional) {
                    nz = 8;
                    g = new LabelConcat(Ring.mlp(m, nz + 8, 128, 2), 8, 8, true);
                    g.initialize(m, DataType.FLOAT32, new Shape(1, nz), new Shape(1));
                    d = new LabelConcat(Ring.mlp(m, 2 + 8, 128, 1), 8, 8, false);
                    d.initialize(m, DataType.FLOAT32, new Shape(1, 2), new Shape(1));
                    real = s -> r.sample(s, batch);
                } else if (ring && infogan) {
                    nz = 4 + 8;
                    g = Ring.mlp(m, nz, 128, 2);
                    SequentialBlock trunk =
                            new SequentialBlock()
                                    .add(Linear.builder().setUnits(128).build())
                                    .add(ai.djl.nn.Activation::relu)
                                    .add(Linear.builder().setUnits(128).build())
                                    .add(ai.djl.nn.Activation::relu);
                    d =
                            new TrunkHeads(
                                    "InfoGAN-D",
                                    "trunk",
                                    trunk,
                                    new String[] {"adv", "q_cat"},
                                    new int[] {1, 8});
                    d.initialize(m, DataType.FLOAT32, new Shape(1, 2));
                    real = s -> r.sample(s, batch);
                } else if (ring && minibatchDiscrimination) {
                    nz = 8;
                    g = Ring.mlp(m, nz, 128, 2);
                    d =
                            new SequentialBlock()
                                    .add(Linear.builder().setUnits(128).build())
                                    .add(ai.djl.nn.Activation::relu)
                                    .add(Linear.builder().setUnits(128).build())
                                    .add(ai.djl.nn.Activation::relu)
                                    .add(new MinibatchDiscrimination(16, 4))
                                    .add(Linear.builder().setUnits(1).build());
                    d.initialize(m, DataType.FLOAT32, new Shape(2, 2));
                    real = s -> r.sample(s, batch);
                } else if (ring) {
                    nz = 8;
                    g = Ring.mlp(m, nz, 128, 2);
                    d = Ring.mlp(m, 2, 128, 1);
                    real = s -> r.sample(s, batch);
                } else {
                    int size = images == null ? 16 : 32;
                    nz = 32;
                    if (biggan) {
                        size = 32;
                    }
                    if (stylegan2) {
                        StyleGan2.Spec sg =
                                new StyleGan2.Spec(nz, nz, size, 1, 2, 16 * size, 32, 4, -1f);
                        g = StyleGan2.generator(sg);
                        d = StyleGan2.discriminator(sg);
                    } else if (biggan) {
                        nz = BIGGAN.latent();
                        g = BigGan.generator(BIGGAN);
                        d = BigGan.discriminator(BIGGAN);
                    } else if (progan) {
                        ProGan.Spec ps = new ProGan.Spec(size, 1, 0, 4 * size, 32, nz, true, 4);
                        g = ProGan.generator(ps);
                        d = ProGan.discriminator(ps);
                    } else {
                        g = DCGAN.generator(nz, 32, 1, size);
                        d = DCGAN.discriminator(32, 1, size);
                    }
                    if (biggan) {
                        g.initialize(m, DataType.FLOAT32, new Shape(1, nz), new Shape(1));
                        d.initialize(m, DataType.FLOAT32, new Shape(4, 3, 32, 32), new Shape(4));
                    } else {
                        g.initialize(m, DataType.FLOAT32, new Shape(1, nz));
                        d.initialize(m, DataType.FLOAT32, new Shape(4, 1, size, size));
                    }
                    ImageData im = images;
                    if (im == null) {
                        real = s -> shapes.batch(s, batch);
                    } else {
                        real = s -> im.batch(s, batch);
                    }
                }
                criticBlock = d;
                GanTrainer.Builder b =
                        GanTrainer.builder()
                                .setNetworks(g, d, nz)
                                .setManager(m)
                                .optObjective(objective)
                                .optAdam(
                                        lr,
                                        stylegan2 || biggan ? 0f : 0.5f,
                                        stylegan2 ? 0.99f : biggan ? 0.999f : 0.9f)
                                .optEma(ema);
                if (criticSteps != null) {
                    b.optCriticSteps(criticSteps);
                }
                if (conditional) {
                    b.optConditional(8);
                }
                if (stylegan2) {
                    int side = images == null ? 16 : 32;
                    // stylegan2-ada's heuristic gamma = 0.0002 res^2 / batch; R1 every 16
                    // critic steps, path length every 4 generator steps, style mixing 0.9
                    b.optStyleMixing(0.9f)
                            .optPathLength(PathLengthPenalty.paper(), 4)
                            .optR1(0.0002f * side * side / batch, 16);
                }
                if (biggan) {
                    b.optConditional(2).optOrthogonalRegularization(1e-4f);
                }
                if (progan) {
                    // from 4x4 to the full size: a constant phase and a fade per doubling, sized
                    // so that the last fade ends at 60% of the run
                    int doublings = Integer.numberOfTrailingZeros(images == null ? 16 : 32) - 2;
                    long phase = Math.max(1, (long) steps * 3 / 5 * batch / (2L * doublings));
                    b.optProgressive(
                            new ProgressiveSchedule(images == null ? 16 : 32, 4, phase, phase));
                    b.optDriftPenalty(0.001f);
                }
                if (infogan) {
                    b.optInfoGan(INFO);
                }
                if (ring && steps >= 2) {
                    b.optLinearDecay(steps * 3 / 5, steps);
                }
                try (GanTrainer t = b.build()) {
                    Progress p = new Progress(err, "gan " + objective.cliName(), steps, "steps/s");
                    for (int i = 1; i <= steps; i++) {
                        if (conditional) {
                            t.stepLabelled(s -> r.sampleLabelled(s, batch));
                        } else if (biggan) {
                            t.stepLabelled(s -> shapes.batchLabelled(s, batch));
                        } else {
                            t.step(real);
                        }
                        if (i % Math.max(1, steps / 100) == 0 || i == steps) {
                            p.accept(i);
                        }
                    }
                    summary = write(t, m, ring, r, images == null && !biggan ? 16 : 32, objective);
                }
            }
            if (summary != null) {
                out().println(summary);
            }
            spec.commandLine()
                    .getOut()
                    .println(
                            "wrote "
                                    + out.resolve("samples.png")
                                    + ", "
                                    + out.resolve("loss_curve.png")
                                    + ", "
                                    + out.resolve("history.csv")
                                    + " and checkpoints under "
                                    + out);
            return 0;
        }

        /** The critic being trained (its Q head scores the InfoGAN codes). */
        private Block criticBlock;

        private String write(
                GanTrainer t, NDManager m, boolean ring, Ring r, int size, Objective objective)
                throws Exception {
            String summary = null;
            List<GanTrainer.Record> h = t.history();
            StringBuilder csv = new StringBuilder("step,critic_loss,generator_loss\n");
            double[] dl = new double[h.size()];
            double[] gl = new double[h.size()];
            for (int i = 0; i < h.size(); i++) {
                GanTrainer.Record rec = h.get(i);
                csv.append(rec.step())
                        .append(',')
                        .append(rec.criticLoss())
                        .append(',')
                        .append(rec.generatorLoss())
                        .append('\n');
                dl[i] = rec.criticLoss();
                gl[i] = rec.generatorLoss();
            }
            Files.writeString(out.resolve("history.csv"), csv);
            List<double[]> series = new ArrayList<>();
            series.add(dl);
            series.add(gl);
            Plots.lossCurve(
                    out.resolve("loss_curve.png"),
                    series,
                    new String[] {"critic", "generator"},
                    objective.cliName() + " losses");
            try (NDManager s = m.newSubManager()) {
                if (ring && (conditional || infogan)) {
                    long[] classes = new long[1000];
                    for (int i = 0; i < classes.length; i++) {
                        classes[i] = i % 8;
                    }
                    NDArray c = s.create(classes);
                    float[] fake =
                            conditional
                                    ? t.sampleLabelled(s, c).toFloatArray()
                                    : t.sampleCodes(s, c, s.zeros(new Shape(1000, 0)))
                                            .toFloatArray();
                    String what;
                    if (conditional) {
                        double[] own = r.ownModeFractions(fake, classes);
                        long obeyed = java.util.Arrays.stream(own).filter(f -> f >= 0.5).count();
                        StringBuilder fr = new StringBuilder();
                        for (double f : own) {
                            fr.append(String.format(Locale.ROOT, " %.2f", f));
                        }
                        summary =
                                String.format(
                                        Locale.ROOT,
                                        "per-class mode hits: %d of 8 classes have >= 50%% of their"
                                                + " samples on their own mode (shares:%s)",
                                        obeyed,
                                        fr);
                        what = obeyed + " of 8 classes on their own mode";
                    } else {
                        NDArray q =
                                criticBlock
                                        .forward(
                                                new ai.djl.training.ParameterStore(s, false),
                                                new ai.djl.ndarray.NDList(
                                                        s.create(fake, new Shape(1000, 2))),
                                                false)
                                        .get(1);
                        double mi = INFO.mutualInformation(c, q);
                        summary =
                                String.format(
                                        Locale.ROOT,
                                        "InfoGAN categorical code: mutual-information estimate %.3f"
                                                + " of log 8 = %.3f nats; modes hit: %d of 8",
                                        mi,
                                        Math.log(8),
                                        r.modesHit(fake, 0.02));
                        what = String.format(Locale.ROOT, "MI %.2f of %.2f nats", mi, Math.log(8));
                    }
                    Plots.classPanels(
                            out.resolve("samples.png"),
                            r.sample(s, 1000).toFloatArray(),
                            fake,
                            classes,
                            8,
                            3.0,
                            String.format(
                                    Locale.ROOT,
                                    "%s %s, %d steps: %s (one panel per %s)",
                                    conditional ? "CGAN" : "InfoGAN",
                                    objective.cliName(),
                                    h.size(),
                                    what,
                                    conditional ? "label" : "code value"));
                } else if (ring) {
                    float[] fake = t.sample(s, 1000).toFloatArray();
                    int hit = r.modesHit(fake, 0.02);
                    summary = String.format(Locale.ROOT, "modes hit: %d of %d", hit, r.modes());
                    Plots.scatter(
                            out.resolve("samples.png"),
                            r.sample(s, 1000).toFloatArray(),
                            fake,
                            3.0,
                            String.format(
                                    Locale.ROOT,
                                    "%s, %d steps: %d of 8 modes hit",
                                    objective.cliName(),
                                    h.size(),
                                    hit));
                } else if (biggan) {
                    long[] labels = new long[64];
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = (i / 8) % 2; // even rows discs, odd rows squares
                    }
                    NDArray rgb = t.sampleLabelled(s, s.create(labels));
                    Plots.grid(
                            out.resolve("samples.png"),
                            rgb.get(":, 0:1, :, :").toFloatArray(),
                            64,
                            size,
                            size,
                            8);
                } else {
                    Plots.grid(
                            out.resolve("samples.png"),
                            t.sample(s, 64).toFloatArray(),
                            64,
                            size,
                            size,
                            8);
                }
            }
            t.checkpoint(out.resolve("checkpoints"));
            return summary;
        }
    }

    /** The tiny BigGAN of --biggan: ch 4, 32 px, z 20, shared 8, 2 classes, attention at 16. */
    static final BigGan.Spec BIGGAN =
            new BigGan.Spec(32, 4, 4, 20, 8, 2, Set.of(16), Set.of(16), 1e-5f, 1e-6f);

    /** The ring InfoGAN's mutual-information term: 8 categories, no continuous code. */
    static final InfoGanLoss INFO = new InfoGanLoss(8, 0, 1f, 0f);

    /** 16x16 single-channel images of a random disc or square, values in [−1, 1]. */
    static final class Shapes16 {
        private final Random random;

        Shapes16(long seed) {
            this.random = new Random(seed);
        }

        NDArray batch(NDManager m, int n) {
            float[] v = new float[n * 256];
            for (int k = 0; k < n; k++) {
                boolean disc = random.nextBoolean();
                double cx = 4 + random.nextDouble() * 8;
                double cy = 4 + random.nextDouble() * 8;
                double rad = 2 + random.nextDouble() * 2.5;
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean in =
                                disc
                                        ? Math.hypot(x - cx, y - cy) <= rad
                                        : Math.abs(x - cx) <= rad && Math.abs(y - cy) <= rad;
                        v[k * 256 + y * 16 + x] = in ? 1f : -1f;
                    }
                }
            }
            return m.create(v, new Shape(n, 1, 16, 16));
        }

        /**
         * A labelled batch for a 3-channel 32-px network: the 16-px shapes upsampled 2x (nearest)
         * and repeated over 3 channels, labels 0 = disc, 1 = square.
         */
        NDList batchLabelled(NDManager m, int n) {
            float[] v = new float[n * 3 * 32 * 32];
            long[] labels = new long[n];
            for (int k = 0; k < n; k++) {
                boolean disc = random.nextBoolean();
                labels[k] = disc ? 0 : 1;
                double cx = 4 + random.nextDouble() * 8;
                double cy = 4 + random.nextDouble() * 8;
                double rad = 2 + random.nextDouble() * 2.5;
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int sx = x / 2;
                        int sy = y / 2;
                        boolean in =
                                disc
                                        ? Math.hypot(sx - cx, sy - cy) <= rad
                                        : Math.abs(sx - cx) <= rad && Math.abs(sy - cy) <= rad;
                        for (int c = 0; c < 3; c++) {
                            v[((k * 3 + c) * 32 + y) * 32 + x] = in ? 1f : -1f;
                        }
                    }
                }
            }
            return new NDList(m.create(v, new Shape(n, 3, 32, 32)), m.create(labels));
        }
    }
}

package org.alphatree.losses.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.alphatree.blocks.core.Assign;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.blocks.gan.stylegan2.StyleGan2;
import org.alphatree.blocks.weights.NamedParameters;
import org.alphatree.blocks.weights.SafeTensors;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.Weights;
import org.alphatree.losses.GradientPenalty;
import org.alphatree.losses.InfoGanLoss;
import org.alphatree.losses.OrthogonalRegularization;
import org.alphatree.losses.PathLengthPenalty;
import org.alphatree.losses.WassersteinLoss;

/**
 * Trains a generator against a critic: {@code nCritic} critic steps per generator step, Adam for
 * both, gradients zeroed before every backward pass (DJL does not zero them when a collector opens,
 * and the generator's step backpropagates through the critic), generated samples detached for the
 * critic step, optional generator EMA, checkpoints and a loss history. The optimizer is {@link
 * TorchAdam}, Adam with torch's exact update rule.
 */
public final class GanTrainer implements AutoCloseable {

    /**
     * One generator step's record.
     *
     * @param step the generator step (1-based)
     * @param criticLoss the last critic loss of the step (with penalty)
     * @param generatorLoss the generator loss
     */
    public record Record(int step, double criticLoss, double generatorLoss) {}

    private final Block generator;
    private final Block critic;
    private final int noiseSize;
    private final BiFunction<NDManager, Integer, NDArray> latent;
    private final Objective objective;
    private final int nCritic;
    private final Optimizer gOpt;
    private final Optimizer dOpt;
    private final GradientPenalty penalty = GradientPenalty.builder().build();
    private final float emaDecay;
    private final Map<String, NDArray> ema = new LinkedHashMap<>();
    private final NDManager manager;
    private final ParameterStore ps;
    private final List<Record> history = new ArrayList<>();
    private final int classes;
    private final float auxWeight;
    private final InfoGanLoss info;
    private final float drift;
    private final ProgressiveSchedule schedule;
    private final float styleMixing;
    private final PathLengthPenalty pathLength;
    private final int pathLengthInterval;
    private final float r1Gamma;
    private final int r1Interval;
    private final float orthoBeta;
    private long shown;
    private float lod;
    private long criticUpdates;

    private GanTrainer(Builder b) {
        this.generator = b.generator;
        this.critic = b.critic;
        this.noiseSize = b.noiseSize;
        this.latent = b.latent;
        this.objective = b.objective;
        this.nCritic = b.nCritic;
        this.emaDecay = b.emaDecay;
        this.manager = b.manager;
        this.classes = b.classes;
        this.auxWeight = b.auxWeight;
        this.info = b.info;
        this.drift = b.drift;
        this.schedule = b.schedule;
        this.styleMixing = b.styleMixing;
        this.pathLength = b.pathLength;
        this.pathLengthInterval = b.pathLengthInterval;
        this.r1Gamma = b.r1Gamma;
        this.r1Interval = b.r1Interval;
        this.orthoBeta = b.orthoBeta;
        this.ps = new ParameterStore(manager, false);
        this.gOpt =
                TorchAdam.builder()
                        .optLearningRateTracker(schedule(b.lr, b.decayFrom, b.decayTo))
                        .optBetas(b.beta1, b.beta2)
                        .build();
        this.dOpt =
                TorchAdam.builder()
                        .optLearningRateTracker(
                                schedule(
                                        b.lr,
                                        (long) b.decayFrom * b.nCritic,
                                        (long) b.decayTo * b.nCritic))
                        .optBetas(b.beta1, b.beta2)
                        .build();
        if (emaDecay > 0) {
            for (Map.Entry<String, Parameter> e : NamedParameters.of(generator).entrySet()) {
                NDArray copy = e.getValue().getArray().duplicate();
                copy.attach(manager);
                ema.put(e.getKey(), copy);
            }
        }
    }

    /**
     * A fixed learning rate, or one held until update {@code from} and then decayed linearly to 0
     * at update {@code to} (the n-th update uses {@code lr·min(1, (to − (n−1))/(to − from))}).
     */
    private static ParameterTracker schedule(float lr, long from, long to) {
        if (to <= 0) {
            return Tracker.fixed(lr);
        }
        double span = to - from;
        return (id, n) -> (float) (lr * Math.min(1.0, Math.max(0.0, (to - (n - 1)) / span)));
    }

    /**
     * Returns a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Draws the generator's input: standard normal noise, or what the sampler set with {@link
     * Builder#optLatent} returns.
     *
     * @param m the manager
     * @param n samples
     * @return (n, noiseSize)
     */
    public NDArray noise(NDManager m, int n) {
        if (latent != null) {
            NDArray z = latent.apply(m, n);
            if (!z.getShape().equals(new Shape(n, noiseSize))) {
                throw new IllegalStateException(
                        "the latent sampler returned "
                                + z.getShape()
                                + ", expected "
                                + new Shape(n, noiseSize));
            }
            return z;
        }
        return m.randomNormal(0, 1, new Shape(n, noiseSize), DataType.FLOAT32);
    }

    /**
     * Stops training at the first non-finite loss, before the optimizer spreads it into the
     * weights.
     */
    private void checkFinite(String which, double loss, int criticStep) {
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException(
                    "generator step "
                            + (history.size() + 1)
                            + (criticStep >= 0 ? ", critic step " + (criticStep + 1) : "")
                            + ": the "
                            + which
                            + " loss is "
                            + loss
                            + "; training stopped before the update (a learning rate too high?)");
        }
    }

    private static double scalar(NDArray loss) {
        try (NDArray d = loss.toType(DataType.FLOAT64, false)) {
            return d.getDouble();
        }
    }

    private static void update(Optimizer opt, Block b) {
        for (Parameter p : b.getParameters().values()) {
            if (p.requiresGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    opt.update(p.getId(), p.getArray(), g);
                }
            }
        }
    }

    /**
     * One generator step with its {@code nCritic} critic steps.
     *
     * @param realBatches supplies a batch of real samples for each critic step
     * @return the step's record
     * @throws IllegalStateException on a conditional trainer (use {@link #stepLabelled})
     */
    public Record step(Function<NDManager, NDArray> realBatches) {
        if (classes > 0) {
            throw new IllegalStateException(
                    "a conditional trainer takes labelled batches: use stepLabelled");
        }
        return run(s -> new NDList(realBatches.apply(s)));
    }

    /**
     * One generator step of a conditional trainer ({@link Builder#optConditional}): each batch is
     * (samples, class labels (N)); the generated samples' labels are drawn uniformly from the K
     * classes, and both networks take (input, labels).
     *
     * @param batches supplies (samples, labels) for each critic step
     * @return the step's record
     */
    public Record stepLabelled(Function<NDManager, NDList> batches) {
        if (classes == 0) {
            throw new IllegalStateException(
                    "stepLabelled needs a conditional trainer (optConditional)");
        }
        return run(batches);
    }

    /** What the generator is fed for one batch: its inputs and the codes it was given. */
    private record Draw(NDArray z, NDArray labels, NDArray categories, NDArray codes) {
        NDList generatorInputs() {
            return labels == null ? new NDList(z) : new NDList(z, labels);
        }
    }

    private Draw draw(NDManager m, int n) {
        NDArray labels =
                classes > 0 ? m.randomInteger(0, classes, new Shape(n), DataType.INT64) : null;
        if (info == null) {
            return new Draw(noise(m, n), labels, null, null);
        }
        NDArray cat = m.randomInteger(0, info.categories(), new Shape(n), DataType.INT64);
        NDArray codes = m.randomUniform(-1f, 1f, new Shape(n, info.codes()), DataType.FLOAT32);
        int free = noiseSize - info.categories() - info.codes();
        NDList parts =
                new NDList(
                        m.randomNormal(0, 1, new Shape(n, free), DataType.FLOAT32),
                        cat.oneHot(info.categories()).toType(DataType.FLOAT32, false));
        if (info.codes() > 0) {
            parts.add(codes);
        }
        return new Draw(ai.djl.ndarray.NDArrays.concat(parts, 1), labels, cat, codes);
    }

    private static NDList criticInputs(NDArray x, NDArray labels) {
        return labels == null ? new NDList(x) : new NDList(x, labels);
    }

    private NDArray labelsOf(NDList batch) {
        if (classes == 0) {
            return null;
        }
        if (batch.size() < 2) {
            throw new IllegalArgumentException("a conditional batch is (samples, labels)");
        }
        return batch.get(1).toType(DataType.INT64, false);
    }

    /** The extra terms both networks' losses get from generated samples: ACGAN's, InfoGAN's. */
    private NDArray extras(NDArray loss, NDList dFake, Draw d) {
        if (auxWeight > 0) {
            loss =
                    loss.add(
                            org.alphatree.blocks.core.Scalars.mul(
                                    aux(dFake, d.labels()), auxWeight));
        }
        if (info != null) {
            int need = info.codes() > 0 ? 3 : 2;
            if (dFake.size() < need) {
                throw new IllegalStateException(
                        "InfoGAN needs a critic with outputs (adv, category logits"
                                + (info.codes() > 0 ? ", codes)" : ")"));
            }
            loss =
                    loss.add(
                            info.evaluate(
                                    d.categories(),
                                    d.codes(),
                                    dFake.get(1),
                                    info.codes() > 0 ? dFake.get(2) : null));
        }
        return loss;
    }

    private static NDArray aux(NDList out, NDArray labels) {
        if (out.size() < 2) {
            throw new IllegalStateException(
                    "the auxiliary classifier needs a critic with outputs (adv, class logits)");
        }
        return AUX.evaluate(new NDList(labels), new NDList(out.get(1)));
    }

    private static final org.alphatree.losses.AuxiliaryClassifierLoss AUX =
            new org.alphatree.losses.AuxiliaryClassifierLoss(org.alphatree.losses.Reduction.MEAN);

    /**
     * With a progressive schedule: sets both networks' level of detail for the images shown so far
     * and prepares the real batch for it; otherwise the batch as it is.
     */
    private NDArray grow(NDArray real) {
        if (schedule == null) {
            return real;
        }
        lod = schedule.lod(shown);
        ((org.alphatree.blocks.gan.progan.ProGan.Progressive) generator).setLod(lod);
        ((org.alphatree.blocks.gan.progan.ProGan.Progressive) critic).setLod(lod);
        return ProgressiveSchedule.processReals(real, lod);
    }

    /**
     * Returns the real images shown to the critic so far.
     *
     * @return the count
     */
    public long imagesShown() {
        return shown;
    }

    /**
     * Returns the level of detail of the last step (0 without a progressive schedule).
     *
     * @return the lod
     */
    public float lod() {
        return lod;
    }

    /**
     * The generator's forward pass in training; a StyleGAN2 generator with style mixing maps a
     * second latent and takes its ws from a random cutoff on (StyleGAN2Loss.run_G).
     */
    private NDArray generate(NDManager scope, NDList inputs) {
        if (styleMixing > 0 && generator instanceof StyleGan2.Generator g) {
            return g.synthesize(ps, mappedWs(scope, g, inputs.get(0)), true);
        }
        return generator.forward(ps, inputs, true).head();
    }

    /** ws for z, with style mixing (probability p: ws[:, cutoff:] from a fresh z). */
    private NDArray mappedWs(NDManager scope, StyleGan2.Generator g, NDArray z) {
        NDArray ws = g.mapping().map(ps, z, true, true);
        if (styleMixing <= 0) {
            return ws;
        }
        float[] u = scope.randomUniform(0f, 1f, new Shape(2)).toFloatArray();
        int numWs = g.numWs();
        if (u[0] >= styleMixing || numWs < 2) {
            return ws;
        }
        int cutoff = 1 + Math.min(numWs - 2, (int) (u[1] * (numWs - 1)));
        NDArray other =
                g.mapping()
                        .map(
                                ps,
                                scope.randomNormal(0, 1, z.getShape(), DataType.FLOAT32),
                                true,
                                false);
        return ai.djl.ndarray.NDArrays.concat(
                new NDList(ws.get(":, :" + cutoff + ", :"), other.get(":, " + cutoff + ":, :")), 1);
    }

    /** StyleGAN2's lazy R1 (Dreg): (γ/2)·‖∇D(x)‖² on the real batch, times the interval. */
    private void lazyR1(NDArray real, NDArray yReal) {
        Block scored = yReal == null ? critic : new WithLabels(critic, yReal);
        Gradients.zero(critic);
        double value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss =
                    org.alphatree.blocks.core.Scalars.mul(
                            GradientPenalty.r1(scored, ps, real, r1Gamma), r1Interval);
            gc.backward(loss);
            value = scalar(loss);
        }
        checkFinite("R1 penalty", value, -1);
        update(dOpt, critic);
    }

    /**
     * StyleGAN2's lazy path length regularization (Gpl): half the batch, ws mapped (with style
     * mixing), the penalty times the interval, its own generator update.
     */
    private void lazyPathLength(NDManager scope, int n) {
        StyleGan2.Generator g = (StyleGan2.Generator) generator;
        int half = Math.max(1, n / 2);
        Gradients.zero(generator);
        double value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray ws = mappedWs(scope, g, noise(scope, half));
            NDArray loss =
                    org.alphatree.blocks.core.Scalars.mul(
                            pathLength.evaluate(g, ps, ws), pathLengthInterval);
            gc.backward(loss);
            value = scalar(loss);
        }
        checkFinite("path length penalty", value, -1);
        update(gOpt, generator);
    }

    /**
     * Returns the path length penalty's running target, NaN without path length regularization.
     *
     * @return pl_mean
     */
    public double pathLengthMean() {
        return pathLength == null ? Double.NaN : pathLength.mean();
    }

    private Record run(Function<NDManager, NDList> batches) {
        double dLoss = 0;
        for (int i = 0; i < nCritic; i++) {
            try (NDManager scope = manager.newSubManager()) {
                NDList batch = batches.apply(scope);
                NDArray real = grow(batch.get(0));
                NDArray yReal = labelsOf(batch);
                int n = (int) real.getShape().get(0);
                shown += n;
                Draw d = draw(scope, n);
                NDArray fake = generate(scope, d.generatorInputs()).stopGradient();
                Gradients.zero(critic);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList outReal = critic.forward(ps, criticInputs(real, yReal), true);
                    NDList outFake = critic.forward(ps, criticInputs(fake, d.labels()), true);
                    NDArray loss =
                            objective
                                    .critic()
                                    .evaluate(
                                            new NDList(outReal.head()), new NDList(outFake.head()));
                    if (objective.gradientPenalty()) {
                        Block scored = yReal == null ? critic : new WithLabels(critic, yReal);
                        loss = loss.add(penalty.wgan(scored, ps, real, fake));
                    }
                    if (auxWeight > 0) {
                        loss =
                                loss.add(
                                        org.alphatree.blocks.core.Scalars.mul(
                                                aux(outReal, yReal), auxWeight));
                    }
                    if (drift > 0) { // ProGAN's ε_drift·D(x)², keeping the critic near 0
                        loss =
                                loss.add(
                                        org.alphatree.blocks.core.Scalars.mul(
                                                outReal.head().square().mean(), drift));
                    }
                    loss = extras(loss, outFake, d);
                    gc.backward(loss);
                    dLoss = scalar(loss);
                }
                checkFinite("critic", dLoss, i);
                update(dOpt, critic);
                if (objective.clipping()) {
                    WassersteinLoss.clipWeights(critic, 0.01f);
                }
                criticUpdates++;
                if (r1Gamma > 0 && criticUpdates % r1Interval == 0) {
                    lazyR1(real, yReal);
                }
            }
        }
        double gLoss;
        try (NDManager scope = manager.newSubManager()) {
            NDList batch = batches.apply(scope);
            NDArray real =
                    schedule == null
                            ? batch.get(0)
                            : ProgressiveSchedule.processReals(batch.get(0), lod);
            NDArray yReal = labelsOf(batch);
            int n = (int) real.getShape().get(0);
            Draw d = draw(scope, n);
            Gradients.zero(generator);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fake = generate(scope, d.generatorInputs());
                NDList outFake = critic.forward(ps, criticInputs(fake, d.labels()), true);
                NDArray dReal =
                        critic.forward(ps, criticInputs(real, yReal), true).head().stopGradient();
                NDArray loss =
                        objective
                                .generator()
                                .evaluate(new NDList(dReal), new NDList(outFake.head()));
                loss = extras(loss, outFake, d);
                if (orthoBeta > 0) {
                    loss =
                            loss.add(
                                    OrthogonalRegularization.penalty(
                                            generator,
                                            ps,
                                            scope,
                                            orthoBeta,
                                            k -> k.startsWith("shared.")));
                }
                gc.backward(loss);
                gLoss = scalar(loss);
            }
            checkFinite("generator", gLoss, -1);
            update(gOpt, generator);
            // the generator's backward pass went through the critic: leave no gradients there
            Gradients.zero(critic);
            if (pathLength != null && (history.size() + 1) % pathLengthInterval == 0) {
                lazyPathLength(scope, n);
            }
        }
        if (emaDecay > 0) {
            for (Map.Entry<String, Parameter> e : NamedParameters.of(generator).entrySet()) {
                NDArray avg = ema.get(e.getKey());
                try (NDArray detached = e.getValue().getArray().stopGradient();
                        NDArray scaled = detached.mul(1 - emaDecay)) {
                    avg.muli(emaDecay).addi(scaled);
                }
            }
        }
        Record r = new Record(history.size() + 1, dLoss, gLoss);
        history.add(r);
        return r;
    }

    /**
     * Generates samples in inference mode, with the EMA weights when EMA is on.
     *
     * @param m the manager for the output
     * @param n samples
     * @return the generator's output
     */
    public NDArray sample(NDManager m, int n) {
        if (classes > 0 || info != null) {
            throw new IllegalStateException(
                    "a conditional or InfoGAN trainer samples with given labels or codes:"
                            + " sampleWith");
        }
        return sampleWith(m, new NDList(noise(m, n)));
    }

    /**
     * Samples for given labels (a conditional trainer): one per label.
     *
     * @param m the manager for the output
     * @param labels (N) class indices
     * @return the generator's output
     */
    public NDArray sampleLabelled(NDManager m, NDArray labels) {
        if (classes == 0) {
            throw new IllegalStateException("sampleLabelled needs a conditional trainer");
        }
        int n = (int) labels.getShape().get(0);
        return sampleWith(m, new NDList(noise(m, n), labels.toType(DataType.INT64, false)));
    }

    /**
     * Samples for given InfoGAN codes: the noise is drawn, the categories one-hot encoded.
     *
     * @param m the manager for the output
     * @param categories (N) categorical codes
     * @param codes (N, C) continuous codes (ignored when the trainer has none)
     * @return the generator's output
     */
    public NDArray sampleCodes(NDManager m, NDArray categories, NDArray codes) {
        if (info == null) {
            throw new IllegalStateException("sampleCodes needs an InfoGAN trainer (optInfoGan)");
        }
        int n = (int) categories.getShape().get(0);
        int free = noiseSize - info.categories() - info.codes();
        NDList parts =
                new NDList(
                        m.randomNormal(0, 1, new Shape(n, free), DataType.FLOAT32),
                        categories
                                .toType(DataType.INT64, false)
                                .oneHot(info.categories())
                                .toType(DataType.FLOAT32, false));
        if (info.codes() > 0) {
            parts.add(codes.toType(DataType.FLOAT32, false));
        }
        return sampleWith(m, new NDList(ai.djl.ndarray.NDArrays.concat(parts, 1)));
    }

    /**
     * Runs the generator in inference mode on given inputs, with the EMA weights when EMA is on.
     *
     * @param m the manager for the output
     * @param inputs the generator's inputs
     * @return the generator's output
     */
    public NDArray sampleWith(NDManager m, NDList inputs) {
        Map<String, NDArray> saved = new LinkedHashMap<>();
        Map<String, Parameter> params = NamedParameters.of(generator);
        try (NDManager keep = m.newSubManager()) {
            for (Map.Entry<String, NDArray> e : ema.entrySet()) {
                NDArray a = params.get(e.getKey()).getArray();
                NDArray copy = a.duplicate();
                copy.attach(keep);
                saved.put(e.getKey(), copy);
                Assign.copy(a, e.getValue());
            }
            try {
                return generator.forward(ps, inputs, false).head();
            } finally {
                for (Map.Entry<String, NDArray> e : saved.entrySet()) {
                    Assign.copy(params.get(e.getKey()).getArray(), e.getValue());
                }
            }
        }
    }

    /**
     * Writes the generator and critic weights as safetensors ({@code generator.safetensors}, {@code
     * critic.safetensors}, and with EMA on {@code generator_ema.safetensors}) under {@code
     * dir/step-N}, with torch state_dict keys.
     *
     * @param dir the checkpoint folder
     * @return the folder written
     * @throws IOException on a write error
     */
    public Path checkpoint(Path dir) throws IOException {
        Path d = dir.resolve("step-" + history.size());
        Files.createDirectories(d);
        Weights.exportSafetensors(generator, d.resolve("generator.safetensors"));
        Weights.exportSafetensors(critic, d.resolve("critic.safetensors"));
        if (!ema.isEmpty()) {
            Map<String, TensorData> state = new LinkedHashMap<>(Weights.stateDict(generator));
            for (Map.Entry<String, NDArray> e : ema.entrySet()) {
                state.put(e.getKey(), Weights.floats(e.getValue()));
            }
            SafeTensors.write(d.resolve("generator_ema.safetensors"), state);
        }
        return d;
    }

    /**
     * Returns the generator's exponential moving average, by state_dict key; empty when EMA is off.
     *
     * @return an unmodifiable view of the averages (owned by the trainer)
     */
    public Map<String, NDArray> ema() {
        return Collections.unmodifiableMap(ema);
    }

    /**
     * Returns the loss history, one record per generator step.
     *
     * @return the records
     */
    public List<Record> history() {
        return Collections.unmodifiableList(history);
    }

    /** Releases the EMA copies. */
    @Override
    public void close() {
        for (NDArray a : ema.values()) {
            a.close();
        }
    }

    /** A conditional critic with its labels bound: the gradient penalty scores x alone. */
    private static final class WithLabels extends ai.djl.nn.AbstractBlock {
        private final Block critic;
        private final NDArray labels;

        WithLabels(Block critic, NDArray labels) {
            this.critic = critic;
            this.labels = labels;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                ai.djl.util.PairList<String, Object> params) {
            return new NDList(
                    critic.forward(ps, new NDList(inputs.head(), labels), training).head());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return critic.getOutputShapes(new Shape[] {inputShapes[0], labels.getShape()});
        }
    }

    /** Builds a {@link GanTrainer}. */
    public static final class Builder {
        private Block generator;
        private Block critic;
        private int noiseSize = -1;
        private BiFunction<NDManager, Integer, NDArray> latent;
        private Objective objective = Objective.WGAN_GP;
        private int nCritic;
        private boolean criticStepsSet;
        private float lr = 1e-4f;
        private float beta1 = 0.5f;
        private float beta2 = 0.9f;
        private float emaDecay;
        private int decayFrom;
        private int decayTo;
        private NDManager manager;
        private int classes;
        private float auxWeight;
        private InfoGanLoss info;
        private float drift;
        private ProgressiveSchedule schedule;
        private float styleMixing;
        private PathLengthPenalty pathLength;
        private int pathLengthInterval = 4;
        private float r1Gamma;
        private int r1Interval = 16;
        private float orthoBeta;

        private Builder() {}

        /**
         * StyleGAN2's style mixing regularization: with probability p each generated batch takes
         * the ws after a random cutoff from a second latent (Karras et al. 2019, §3.1; p 0.9).
         * Needs a {@link StyleGan2.Generator}.
         *
         * @param probability p
         * @return this
         */
        public Builder optStyleMixing(float probability) {
            this.styleMixing = probability;
            return this;
        }

        /**
         * StyleGAN2's lazy path length regularization: every {@code interval} generator steps an
         * extra generator update on half the batch with {@code interval ·} the penalty (the paper's
         * weight 2, decay 0.01, interval 4). Needs a {@link StyleGan2.Generator}.
         *
         * @param penalty the penalty (its state moves with training)
         * @param interval generator steps between two regularization steps
         * @return this
         */
        public Builder optPathLength(PathLengthPenalty penalty, int interval) {
            this.pathLength = penalty;
            this.pathLengthInterval = interval;
            return this;
        }

        /**
         * Lazy R1 (Mescheder et al. 2018, as StyleGAN2 runs it): every {@code interval} critic
         * steps an extra critic update with {@code interval · (γ/2)·‖∇D(x)‖²} on the real batch (γ
         * 10 and interval 16 in the paper's FFHQ configuration). The reference also rescales Adam's
         * learning rate and betas by interval/(interval+1) for lazy regularization; this trainer
         * keeps them.
         *
         * @param gamma γ
         * @param interval critic steps between two R1 steps (1: every step)
         * @return this
         */
        public Builder optR1(float gamma, int interval) {
            this.r1Gamma = gamma;
            this.r1Interval = interval;
            return this;
        }

        /**
         * BigGAN's orthogonal regularization on the generator ({@link OrthogonalRegularization},
         * the code's β, e.g. 1e-4; the shared class embedding, {@code shared.*}, is left out).
         *
         * @param beta β
         * @return this
         */
        public Builder optOrthogonalRegularization(float beta) {
            this.orthoBeta = beta;
            return this;
        }

        /**
         * Grows the networks progressively (ProGAN): before each critic step the level of detail
         * for the real images shown so far is set on both networks, which must be {@link
         * org.alphatree.blocks.gan.progan.ProGan.Progressive}, and the full-resolution real batch
         * is prepared for it ({@link ProgressiveSchedule#processReals}).
         *
         * @param schedule the schedule
         * @return this
         */
        public Builder optProgressive(ProgressiveSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /**
         * Adds ProGAN's drift penalty {@code ε·mean(D(x)²)} on the real scores to the critic's loss
         * (Karras et al. 2018, §A.1: ε = 0.001 with WGAN-GP), keeping the critic's output from
         * drifting far from 0.
         *
         * @param epsilon ε (0.001)
         * @return this
         */
        public Builder optDriftPenalty(float epsilon) {
            this.drift = epsilon;
            return this;
        }

        /**
         * Makes the trainer conditional (CGAN, ACGAN, projection D): batches are (samples, labels),
         * the generator takes (noise, labels) and the critic (samples, labels), and generated
         * samples get labels drawn uniformly from the classes.
         *
         * @param classes K
         * @return this
         */
        public Builder optConditional(int classes) {
            this.classes = classes;
            return this;
        }

        /**
         * Adds ACGAN's auxiliary classification loss (softmax cross-entropy of the critic's second
         * output, the class logits): to the critic on real and generated samples, to the generator
         * on generated ones (Odena et al. 2017: both maximize the log-likelihood of the correct
         * class). Needs {@link #optConditional}.
         *
         * @param weight the loss weight (1)
         * @return this
         */
        public Builder optAuxiliaryClassifier(float weight) {
            this.auxWeight = weight;
            return this;
        }

        /**
         * Makes the trainer an InfoGAN: the generator's input (the noise size of {@link
         * #setNetworks}) is (free noise N(0, 1), one-hot category, continuous codes U(−1, 1)), the
         * critic returns (adv, category logits, code predictions), and the mutual-information term
         * is added to both networks' losses (as the original InfoGAN subtracts the MI estimate from
         * both).
         *
         * @param loss the mutual-information term
         * @return this
         */
        public Builder optInfoGan(InfoGanLoss loss) {
            this.info = loss;
            return this;
        }

        /**
         * Sets the networks, both initialized.
         *
         * @param generator maps (N, noiseSize) noise to samples
         * @param critic maps samples to (N) or (N, 1) scores
         * @param noiseSize the noise dimension
         * @return this
         */
        public Builder setNetworks(Block generator, Block critic, int noiseSize) {
            this.generator = generator;
            this.critic = critic;
            this.noiseSize = noiseSize;
            return this;
        }

        /**
         * Replaces the standard normal latent distribution, e.g. with uniform noise or, in tests, a
         * fixed sequence.
         *
         * @param sampler returns an (n, noiseSize) array in the given manager
         * @return this
         */
        public Builder optLatent(BiFunction<NDManager, Integer, NDArray> sampler) {
            this.latent = sampler;
            return this;
        }

        /**
         * Sets the manager that owns the networks' parameters.
         *
         * @param manager the manager
         * @return this
         */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /**
         * Sets the objective (default WGAN-GP).
         *
         * @param objective the objective
         * @return this
         */
        public Builder optObjective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /**
         * Sets critic steps per generator step (default 5 for WGAN objectives, else 1).
         *
         * @param n critic steps
         * @return this
         */
        public Builder optCriticSteps(int n) {
            this.nCritic = n;
            this.criticStepsSet = true;
            return this;
        }

        /**
         * Sets Adam's learning rate and betas (defaults 1e-4, 0.5, 0.9 as WGAN-GP).
         *
         * @param lr learning rate
         * @param beta1 β₁
         * @param beta2 β₂
         * @return this
         */
        public Builder optAdam(float lr, float beta1, float beta2) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * Decays both learning rates linearly to 0 over {@code generatorSteps} generator steps (and
         * the critic's over the matching number of critic steps), as the WGAN-GP reference code
         * does; after that the networks stay where they are. By default the rates stay fixed.
         *
         * @param generatorSteps the length of the run, in generator steps
         * @return this
         */
        public Builder optLinearDecay(int generatorSteps) {
            return optLinearDecay(0, generatorSteps);
        }

        /**
         * Holds both learning rates until generator step {@code from}, then decays them linearly to
         * 0 at step {@code to}: a fast first phase, then a quiet one in which the samples settle
         * (on the ring, clusters that jitter 0.1–0.3 off the modes at a fixed rate land on them).
         *
         * @param from the generator step at which the decay starts
         * @param to the generator step at which the rates reach 0
         * @return this
         */
        public Builder optLinearDecay(int from, int to) {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException(
                        "linear decay needs 0 <= from < to, got " + from + ", " + to);
            }
            this.decayFrom = from;
            this.decayTo = to;
            return this;
        }

        /**
         * Keeps an exponential moving average of the generator's weights for sampling.
         *
         * @param decay the decay (e.g. 0.999), 0 for none
         * @return this
         */
        public Builder optEma(float decay) {
            this.emaDecay = decay;
            return this;
        }

        /**
         * Builds the trainer.
         *
         * @return the trainer
         */
        public GanTrainer build() {
            if (generator == null || critic == null || noiseSize < 1) {
                throw new IllegalArgumentException(
                        "set the generator, the critic and the noise size (setNetworks)");
            }
            if (manager == null) {
                throw new IllegalArgumentException(
                        "set the manager that owns the networks (setManager)");
            }
            if (!generator.isInitialized() || !critic.isInitialized()) {
                throw new IllegalArgumentException(
                        "initialize both networks before building the trainer");
            }
            if (!criticStepsSet) {
                nCritic = objective.gradientPenalty() || objective.clipping() ? 5 : 1;
            }
            if (classes < 0 || (classes == 0 && auxWeight > 0) || !(auxWeight >= 0)) {
                throw new IllegalArgumentException(
                        "conditional classes must be >= 0 and the auxiliary classifier needs"
                                + " optConditional, got classes "
                                + classes
                                + ", weight "
                                + auxWeight);
            }
            if (schedule != null
                    && !(generator instanceof org.alphatree.blocks.gan.progan.ProGan.Progressive
                            && critic
                                    instanceof
                                    org.alphatree.blocks.gan.progan.ProGan.Progressive)) {
                throw new IllegalArgumentException(
                        "a progressive schedule needs ProGAN networks (ProGan.generator and"
                                + " ProGan.discriminator)");
            }
            boolean sg2 = generator instanceof StyleGan2.Generator;
            if ((styleMixing > 0 || pathLength != null) && !sg2) {
                throw new IllegalArgumentException(
                        "style mixing and path length regularization need a StyleGAN2 generator"
                                + " (StyleGan2.generator)");
            }
            if (!(styleMixing >= 0 && styleMixing <= 1)) {
                throw new IllegalArgumentException(
                        "the style mixing probability must be in [0, 1], got " + styleMixing);
            }
            if (pathLengthInterval < 1 || r1Interval < 1) {
                throw new IllegalArgumentException(
                        "regularization intervals must be >= 1, got path length "
                                + pathLengthInterval
                                + ", R1 "
                                + r1Interval);
            }
            if (!(r1Gamma >= 0)
                    || Float.isInfinite(r1Gamma)
                    || !(orthoBeta >= 0)
                    || Float.isInfinite(orthoBeta)) {
                throw new IllegalArgumentException(
                        "R1 gamma and the ortho beta must be finite and >= 0, got "
                                + r1Gamma
                                + ", "
                                + orthoBeta);
            }
            if (!(drift >= 0) || Float.isInfinite(drift)) {
                throw new IllegalArgumentException("the drift penalty must be >= 0, got " + drift);
            }
            if (info != null && noiseSize <= info.categories() + info.codes()) {
                throw new IllegalArgumentException(
                        "InfoGAN: the generator's input ("
                                + noiseSize
                                + ") must exceed categories + codes ("
                                + (info.categories() + info.codes())
                                + ")");
            }
            if (nCritic < 1
                    || !(lr > 0)
                    || !Float.isFinite(lr)
                    || !(emaDecay >= 0 && emaDecay < 1)) {
                throw new IllegalArgumentException(
                        "critic steps must be >= 1 (got "
                                + nCritic
                                + "), lr finite and > 0 (got "
                                + lr
                                + "), EMA decay in [0, 1) (got "
                                + emaDecay
                                + ")");
            }
            return new GanTrainer(this);
        }
    }
}

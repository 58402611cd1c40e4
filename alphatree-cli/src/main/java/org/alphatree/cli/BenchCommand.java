package org.alphatree.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.alphatree.blocks.core.Gradients;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.runtime.ChannelsLast;
import org.alphatree.blocks.runtime.NativeAllocator;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.cli.gallery.BlockCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree bench}: a quick latency benchmark with the machine's peak for context. */
@Command(
        name = "bench",
        description = {
            "Quick inference benchmark (about 30 s at most) of a registered network or a block.",
            "It reports the median latency, throughput, achieved GFLOP/s (2·MACs/time) and the fraction of a peak",
            "measured on the spot (a large 3x3 convolution). For rigorous numbers use the JMH suite.",
            "With --train it times a training step instead: forward, cross-entropy, backward and an SGD",
            "update with momentum 0.9 (tools/bench/torch_training.py is the PyTorch peer).",
            "  alphatree bench resnet50 --batch 8",
            "  alphatree bench resnet50 --batch 16 --train",
            "  alphatree bench bottleneck"
        })
final class BenchCommand extends CliCommand {

    @Parameters(
            index = "0",
            paramLabel = "<model|block>",
            description = "A registry name (alphatree models) or a block: ${COMPLETION-CANDIDATES}",
            completionCandidates = BlockNames.class)
    String target;

    @Option(
            names = "--batch",
            defaultValue = "1",
            description = "Batch size, 1 to " + MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    int batch;

    /** The largest batch accepted. */
    static final int MAX_BATCH = 1024;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Mixin FastPathOptions fast;

    @Option(
            names = "--train",
            description =
                    "Time a training step of a registered network (forward in training mode,"
                            + " cross-entropy on random labels, backward, SGD with momentum 0.9, NCHW)"
                            + " instead of inference.")
    boolean train;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description = "Measurement budget in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    /** The catalog's block names for the help text. */
    static final class BlockNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BlockCatalog.all().keySet().iterator();
        }
    }

    @Override
    public Integer call() {
        if (!device.equalsIgnoreCase("cpu")) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "alphatree: the GPU needs a CUDA libtorch (see docs/benchmarks.md); benchmarking on the CPU");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "--batch must be in [1, " + MAX_BATCH + "], got " + batch);
        }
        if (!(seconds > 0) || seconds > 30) {
            throw new IllegalArgumentException("--seconds must be in (0, 30], got " + seconds);
        }
        Block block;
        Shape shape;
        ModelInfo info = ModelRegistry.find(target).orElse(null);
        if (info != null) {
            block = info.build();
            long[] s = info.defaultInputShape().getShape().clone();
            s[0] = batch;
            shape = new Shape(s);
        } else {
            BlockCatalog.Entry e = BlockCatalog.find(target);
            if (e == null) {
                throw new IllegalArgumentException(
                        "unknown model or block '"
                                + target
                                + "'; blocks: "
                                + String.join(", ", BlockCatalog.all().keySet())
                                + "; models: alphatree models");
            }
            block = e.factory().get();
            long[] s = e.input().getShape().clone();
            s[0] = batch;
            shape = new Shape(s);
        }
        Shapes.checkBudget(shape, "--batch " + batch + " of " + target);
        PrintWriter out = out();
        if (train) {
            if (info == null) {
                throw new IllegalArgumentException(
                        "--train times a registered network (alphatree models), not the block '"
                                + target
                                + "'");
            }
            return trainStep(out, block, shape, info.numClasses());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, shape);
            long macs = BlockSummary.of(m, target, block, shape).macs();
            int folded = fast.fold(block);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(shape);
            double[] t =
                    time(
                            scoped(
                                    m,
                                    x,
                                    xs ->
                                            block.forward(ps, new NDList(fast.input(xs)), false)
                                                    .head()),
                            seconds * 0.8);
            double peak = peakGflops(m, seconds * 0.2, fast.channelsLast);
            double med = t[t.length / 2];
            double gflops = 2.0 * macs / med / 1e9;
            out.printf(
                    Locale.ROOT,
                    "%s, batch %d, input %s%s%s, %s, allocator tuning %s%n",
                    target,
                    batch,
                    shape,
                    fast.channelsLast ? " channels last" : " NCHW",
                    folded > 0 ? ", " + folded + " batch norms folded into their convolutions" : "",
                    cpu(),
                    NativeAllocator.isTuned() ? "on" : "off");
            out.printf(
                    Locale.ROOT,
                    "median latency   %.2f ms (%d runs, min %.2f ms)%n",
                    med * 1e3,
                    t.length,
                    t[0] * 1e3);
            out.printf(Locale.ROOT, "throughput       %.1f samples/s%n", batch / med);
            out.printf(
                    Locale.ROOT,
                    "achieved         %.1f GFLOP/s (2 x %.3f GMACs)%n",
                    gflops,
                    macs / 1e9);
            out.printf(
                    Locale.ROOT,
                    "peak (conv3x3)   %.1f GFLOP/s, so %.0f%% of it%n",
                    peak,
                    100 * gflops / peak);
        }
        return 0;
    }

    /**
     * Times PyTorch's usual step on {@code block}: {@code zero_grad}, forward in training mode,
     * cross-entropy against random labels, backward, {@code SGD(lr=0.01, momentum=0.9)}.
     */
    private int trainStep(PrintWriter out, Block block, Shape shape, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("--train needs a network with a classifier");
        }
        try (Model model = Model.newInstance("bench")) {
            model.setBlock(block);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(0.01f))
                                            .optMomentum(0.9f)
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(shape);
                NDManager m = trainer.getManager();
                NDArray x = m.randomNormal(shape);
                NDArray labels =
                        m.randomInteger(0, numClasses, new Shape(shape.get(0)), DataType.INT64);
                float[] losses = {Float.NaN, Float.NaN}; // first, last
                // per run: zero_grad, forward + loss, backward, optimizer step (libtorch's CPU
                // ops are synchronous, so the clock splits the step)
                java.util.List<double[]> phases = new java.util.ArrayList<>();
                double[] t =
                        time(
                                () -> {
                                    try (NDManager s = m.newSubManager()) {
                                        long t0 = System.nanoTime();
                                        Gradients.zero(block);
                                        long tz = System.nanoTime();
                                        long t1;
                                        try (GradientCollector gc =
                                                trainer.newGradientCollector()) {
                                            NDArray xs = x.duplicate();
                                            xs.attach(s);
                                            NDList y = trainer.forward(new NDList(xs));
                                            NDArray loss =
                                                    trainer.getLoss()
                                                            .evaluate(
                                                                    new NDList(labels),
                                                                    // logits; an aux head's
                                                                    // output is not trained
                                                                    new NDList(y.head()));
                                            y.attach(s);
                                            loss.attach(s);
                                            losses[1] = loss.getFloat();
                                            t1 = System.nanoTime();
                                            gc.backward(loss);
                                            if (Float.isNaN(losses[0])) {
                                                losses[0] = losses[1];
                                            }
                                        }
                                        long t2 = System.nanoTime();
                                        trainer.step();
                                        long t3 = System.nanoTime();
                                        phases.add(
                                                new double[] {
                                                    (tz - t0) / 1e6,
                                                    (t1 - tz) / 1e6,
                                                    (t2 - t1) / 1e6,
                                                    (t3 - t2) / 1e6
                                                });
                                    }
                                },
                                seconds);
                double med = t[t.length / 2];
                out.printf(
                        Locale.ROOT,
                        "%s, batch %d, input %s NCHW, %s, training step (SGD, momentum 0.9),"
                                + " allocator tuning %s%n",
                        target,
                        batch,
                        shape,
                        cpu(),
                        NativeAllocator.isTuned() ? "on" : "off");
                out.printf(
                        Locale.ROOT,
                        "median step      %.2f ms (%d steps, min %.2f ms)%n",
                        med * 1e3,
                        t.length,
                        t[0] * 1e3);
                out.printf(
                        Locale.ROOT,
                        "loss             %.4f at the first step, %.4f at the last (one batch)%n",
                        losses[0],
                        losses[1]);
                out.printf(
                        Locale.ROOT,
                        "phases (median)  zero_grad %.1f ms, forward+loss %.1f ms, backward %.1f ms,"
                                + " SGD step %.1f ms%n",
                        medianOf(phases, 0),
                        medianOf(phases, 1),
                        medianOf(phases, 2),
                        medianOf(phases, 3));
                out.printf(Locale.ROOT, "throughput       %.1f samples/s%n", batch / med);
            }
        }
        return 0;
    }

    /**
     * Names the CPU as {@code /proc/cpuinfo} does, with the cores this JVM sees: the same command
     * gives other figures on another host (this project's 2-core machines measured a 3x3
     * convolution at 300-336 GFLOP/s on one day and 200 on another), so a printed figure says where
     * it was measured.
     *
     * @return e.g. "CPU AMD EPYC, 2 cores"
     */
    static String cpu() {
        String name = "";
        try (java.util.stream.Stream<String> lines =
                java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            name =
                    lines.filter(l -> l.startsWith("model name") && l.contains(":"))
                            .map(l -> " " + l.substring(l.indexOf(':') + 1).trim())
                            .findFirst()
                            .orElse("");
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or not readable: the core count alone
        }
        return "CPU" + name + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The median of column {@code i}, warm-up runs excluded. */
    private static double medianOf(java.util.List<double[]> runs, int i) {
        double[] v = runs.stream().skip(2).mapToDouble(r -> r[i]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    /**
     * One timed run: {@code x} copied into a scope that collects every intermediate (the input's
     * manager is where results go), {@code f} applied, and one value of the result read so that the
     * run waits for it.
     */
    private static Runnable scoped(NDManager m, NDArray x, UnaryOperator<NDArray> f) {
        return () -> {
            try (NDManager s = m.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(s);
                NDArray y = f.apply(xs);
                y.attach(s);
                y.getFloat(new long[y.getShape().dimension()]);
            }
        };
    }

    /** Runs {@code r} for about {@code budget} seconds; sorted per-run times in seconds. */
    static double[] time(Runnable r, double budget) {
        for (int i = 0; i < 2; i++) {
            r.run();
        }
        double[] times = new double[1000];
        int n = 0;
        long end = System.nanoTime() + (long) (budget * 1e9);
        while (n < 3 || (System.nanoTime() < end && n < times.length)) {
            long t0 = System.nanoTime();
            r.run();
            times[n++] = (System.nanoTime() - t0) / 1e9;
        }
        double[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        return t;
    }

    /**
     * GFLOP/s of a 3x3 convolution, 8×64×56×56 → 64 channels, measured now; with {@code
     * channelsLast} the better of the NCHW and the channels-last convolution, so that a
     * channels-last run is held to the peak of its own layout too.
     */
    static double peakGflops(NDManager m, double budget, boolean channelsLast) {
        if (channelsLast) {
            return Math.max(convPeak(m, budget / 2, false), convPeak(m, budget / 2, true));
        }
        return convPeak(m, budget, false);
    }

    private static double convPeak(NDManager m, double budget, boolean cl) {
        NDArray x = m.randomNormal(new Shape(8, 64, 56, 56));
        NDArray w = m.randomNormal(new Shape(64, 64, 3, 3));
        Shape one = new Shape(1, 1);
        double[] t =
                time(
                        scoped(
                                m,
                                x,
                                xs ->
                                        Conv2d.conv2d(
                                                        cl ? ChannelsLast.of(xs) : xs,
                                                        w,
                                                        null,
                                                        one,
                                                        one,
                                                        one,
                                                        1)
                                                .head()),
                        Math.max(budget, 0.5));
        double macs = 8.0 * 64 * 56 * 56 * 64 * 9;
        return 2 * macs / t[t.length / 2] / 1e9;
    }
}

package org.alphatree.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the suite's benchmarks share: the default run (average time in milliseconds, 2 warm-up and 3
 * measured iterations of 2 s, one fork, offline), one native manager per trial with its parameter
 * store, the input, and the trial's tear-down. A benchmark annotates only what differs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public abstract class NativeState {

    /** The trial's native memory; closed by {@link #tearDown}. */
    protected NDManager manager;

    /** Eval-mode parameter store on {@link #manager}. */
    protected ParameterStore ps;

    /** The benchmark's input. */
    protected NDArray input;

    /** The network or block under test, where the benchmark has one. */
    protected Block network;

    /** Opens {@link #manager} and {@link #ps}; call first in a trial's set-up. */
    protected void open() {
        manager = NDManager.newBaseManager();
        ps = new ParameterStore(manager, false);
    }

    /**
     * Builds and initializes a registered network for the trial ({@link Env#networkTrial}) and
     * takes its manager, store, input and block.
     *
     * @param model the registry name
     * @param batch the batch size
     * @param tuning whether to tune the native allocator
     * @param device cpu or gpu
     */
    protected void openNetwork(String model, int batch, boolean tuning, String device) {
        take(Env.networkTrial(model, batch, tuning, device));
    }

    /**
     * Takes a trial's manager, store, input and block ({@link Env#trial}).
     *
     * @param trial the trial
     */
    protected void take(Env.NetworkTrial trial) {
        manager = trial.manager();
        ps = trial.ps();
        input = trial.input();
        network = trial.block();
    }

    /** Releases the trial's native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }
}

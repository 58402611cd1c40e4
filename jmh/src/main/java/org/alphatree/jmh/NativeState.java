package org.alphatree.jmh;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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

    /** Opens {@link #manager} and {@link #ps}; call first in a trial's set-up. */
    protected void open() {
        manager = NDManager.newBaseManager();
        ps = new ParameterStore(manager, false);
    }

    /** Releases the trial's native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (manager != null) {
            manager.close();
        }
    }
}

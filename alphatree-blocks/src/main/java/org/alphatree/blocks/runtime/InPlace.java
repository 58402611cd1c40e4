package org.alphatree.blocks.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * The ReLU written into its input's memory, as torchvision's {@code ReLU(inplace=True)}, for
 * inference. DJL 0.36's ReLU always writes a fresh array; on large activations the fresh memory
 * costs more than the ReLU (resnet50 at batch 8: about 17 ms of 360 ms on 2 cores). The in-place
 * ReLU runs a tiny TorchScript module shipped as a resource ({@code
 * tools/fixtures/relu_inplace.py}), whose call costs more than an out-of-place ReLU on small
 * arrays, so it is used from {@value #MIN_ELEMENTS} elements on.
 *
 * <p>Callers pass only an array they own: a block's own fresh intermediate (a convolution's or a
 * norm's output), held by no one else and not a view of a live array. The ReLU is out of place
 * where grad mode is on (inside a {@code GradientCollector}, or on a thread other than the one that
 * started the engine: autograd never runs through the module), the engine is not PyTorch, the
 * module cannot be loaded, or {@code -Dalphatree.inplace=false}. Values are bit for bit those of
 * the out-of-place ReLU.
 */
public final class InPlace {

    /** The smallest array the in-place call pays for (measured: 2^19 elements). */
    public static final long MIN_ELEMENTS = 1L << 19;

    /** How many ReLUs ran in place (tests check that the path is taken). */
    static final java.util.concurrent.atomic.LongAdder WRITTEN =
            new java.util.concurrent.atomic.LongAdder();

    private static final TorchScriptResource.Lazy MODULE =
            new TorchScriptResource.Lazy(InPlace.class, "relu_inplace");

    /**
     * {@code ai.djl.pytorch.jni.JniUtils.isGradMode()}, looked up once (this module compiles
     * against DJL's API only); null where the PyTorch engine is absent.
     */
    private static final java.lang.invoke.MethodHandle GRAD_MODE = gradModeHandle();

    private static volatile boolean unavailable;

    private InPlace() {}

    /**
     * {@code max(x, 0)}, written into {@code owned} where that pays and is safe.
     *
     * @param owned an array only the caller holds, which it does not read again
     * @return the ReLU: {@code owned}'s memory (a new handle to it), or a fresh array
     */
    public static NDArray relu(NDArray owned) {
        if (!usable(owned)) {
            return ai.djl.nn.Activation.relu(owned);
        }
        try {
            WRITTEN.increment();
            // training=true: an inference-mode forward would run under torch's InferenceMode,
            // which refuses in-place updates of normal tensors; the module has no parameters
            return MODULE.get()
                    .getBlock()
                    .forward(new ParameterStore(owned.getManager(), false), new NDList(owned), true)
                    .head();
        } catch (RuntimeException e) {
            unavailable = true; // e.g. no native library: out of place from now on
            return ai.djl.nn.Activation.relu(owned);
        }
    }

    private static boolean usable(NDArray x) {
        return x.size() >= MIN_ELEMENTS
                && !unavailable
                && !"false".equalsIgnoreCase(System.getProperty("alphatree.inplace"))
                && "PyTorch".equals(x.getManager().getEngine().getEngineName())
                && !gradMode();
    }

    private static boolean gradMode() {
        if (GRAD_MODE == null) {
            return true; // unknown: stay out of place
        }
        try {
            return (boolean) GRAD_MODE.invokeExact();
        } catch (Throwable t) {
            return true;
        }
    }

    private static java.lang.invoke.MethodHandle gradModeHandle() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup()
                    .findStatic(
                            Class.forName("ai.djl.pytorch.jni.JniUtils"),
                            "isGradMode",
                            java.lang.invoke.MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}

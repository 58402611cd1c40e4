package org.alphatree.jmh;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.Gradients;
import org.openjdk.jmh.infra.Blackhole;

/** Device checks shared by the benchmarks. */
final class Env {
    private Env() {}

    /**
     * Fails the trial with one clear line when {@code device=gpu} but no GPU is visible (JMH then
     * moves on with {@code -foe false}, or stops with {@code -foe true}).
     *
     * @param device the device parameter
     */
    /**
     * A network benchmark's trial state.
     *
     * @param manager the trial's manager (close it in tear-down)
     * @param block the initialized network
     * @param input the input at the network's default size
     * @param ps the parameter store
     */
    record NetworkTrial(NDManager manager, Block block, NDArray input, ParameterStore ps) {}

    /**
     * Builds and initializes a registered network at its default input size and the given batch,
     * with grad mode off on this (the benchmark) thread.
     *
     * @param model the registry name
     * @param batch the batch size
     * @param tuning whether to apply the native allocator tuning
     * @param device the device kind
     * @return the trial state
     */
    static NetworkTrial networkTrial(String model, int batch, boolean tuning, String device) {
        return trial(
                () -> org.alphatree.blocks.AlphaTree.model(model),
                org.alphatree.blocks.AlphaTree.info(model).defaultInputShape(),
                batch,
                tuning,
                device);
    }

    /**
     * Builds and initializes a block on a random normal input of the given shape, its batch
     * replaced, with grad mode off on this (the benchmark) thread; training steps turn it on inside
     * their gradient collector.
     *
     * @param factory builds the block once the engine has started
     * @param input the input shape (any batch)
     * @param batch the batch size
     * @param tuning whether to apply the native allocator tuning
     * @param device the device kind
     * @return the trial state
     */
    static NetworkTrial trial(
            java.util.function.Supplier<Block> factory,
            ai.djl.ndarray.types.Shape input,
            int batch,
            boolean tuning,
            String device) {
        check(device); // starts the engine
        // DJL's grad mode is thread-local: off only on the thread that started the engine.
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        if (tuning) {
            org.alphatree.blocks.runtime.NativeAllocator.tune();
        }
        NDManager manager = NDManager.newBaseManager();
        long[] s = input.getShape().clone();
        s[0] = batch;
        ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(s);
        Block block = factory.get();
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape);
        return new NetworkTrial(
                manager, block, manager.randomNormal(shape), new ParameterStore(manager, false));
    }

    static void check(String device) {
        Engine engine = Engine.getInstance(); // loads libtorch before any JNI call
        if (device.equals("gpu") && engine.getGpuCount() == 0) {
            throw new IllegalStateException(
                    "device=gpu skipped: no GPU visible to libtorch (see docs/benchmarks.md for PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR)");
        }
    }

    /**
     * One inference forward pass, grad mode off on this thread. The input is copied into a scope,
     * so every intermediate array lives there too (DJL attaches results to the manager of their
     * input) and is freed when the scope closes.
     *
     * @param manager the trial's manager
     * @param block the block
     * @param ps the parameter store
     * @param input the trial's input
     * @param bh the blackhole
     */
    static void inference(
            NDManager manager, Block block, ParameterStore ps, NDArray input, Blackhole bh) {
        inference(manager, block, ps, input, bh, false);
    }

    /**
     * {@link #inference(NDManager, Block, ParameterStore, NDArray, Blackhole)}, optionally with the
     * input stored channels last (converted inside the timed call).
     *
     * @param manager the trial's manager
     * @param block the block
     * @param ps the parameter store
     * @param input the trial's input
     * @param bh the blackhole
     * @param channelsLast whether to store the input channels last first
     */
    static void inference(
            NDManager manager,
            Block block,
            ParameterStore ps,
            NDArray input,
            Blackhole bh,
            boolean channelsLast) {
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(scope);
            if (channelsLast) {
                x = org.alphatree.blocks.runtime.ChannelsLast.of(x);
            }
            NDList out = block.forward(ps, new NDList(x), false);
            out.attach(scope);
            bh.consume(out.head().getFloat(new long[out.head().getShape().dimension()]));
        }
    }

    /**
     * One training step: forward on a scoped, differentiable copy of the input (a block inside a
     * network also backpropagates to its input, and parameter-free blocks have nothing else to
     * differentiate), backward of the mean output, then the gradients zeroed for the next step.
     *
     * @param manager the trial's manager
     * @param block the block
     * @param ps the parameter store
     * @param input the trial's input
     * @return the loss
     */
    static float trainStep(NDManager manager, Block block, ParameterStore ps, NDArray input) {
        float loss;
        try (NDManager scope = manager.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // the input in the step's scope: DJL attaches results to the input's manager
            NDArray x = input.duplicate();
            x.attach(scope);
            x.setRequiresGradient(true);
            NDList out = block.forward(ps, new NDList(x), true);
            out.attach(scope);
            NDArray mean = out.head().mean();
            gc.backward(mean);
            loss = mean.getFloat();
        }
        Gradients.zero(block);
        return loss;
    }
}

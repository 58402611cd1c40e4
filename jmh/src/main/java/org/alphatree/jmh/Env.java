package org.alphatree.jmh;

import ai.djl.engine.Engine;

/** Device checks shared by the benchmarks. */
final class Env {
    private Env() {}

    /**
     * Fails the trial with one clear line when {@code device=gpu} but no GPU is visible (JMH then
     * moves on with {@code -foe false}, or stops with {@code -foe true}).
     *
     * @param device the device parameter
     */
    static void check(String device) {
        Engine engine = Engine.getInstance(); // loads libtorch before any JNI call
        if (device.equals("gpu") && engine.getGpuCount() == 0) {
            throw new IllegalStateException(
                    "device=gpu skipped: no GPU visible to libtorch (see docs/benchmarks.md for PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR)");
        }
    }
}

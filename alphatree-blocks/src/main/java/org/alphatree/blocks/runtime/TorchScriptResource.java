package org.alphatree.blocks.runtime;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads a small TorchScript module shipped as a class-path resource (AlphaTree's helpers for what
 * DJL 0.36 cannot call directly: a differentiable {@code autograd.grad}, a memory-format change).
 * DJL loads models from folders, so the resource is copied to a temporary one first.
 */
public final class TorchScriptResource {
    private TorchScriptResource() {}

    /**
     * Loads {@code <name>.pt}, a resource next to {@code owner}, on the PyTorch engine.
     *
     * @param owner the class the resource lies beside
     * @param name the module's name, without {@code .pt}
     * @return the loaded model (lives for the process)
     * @throws IllegalStateException if the resource is missing or not a TorchScript module
     * @throws UncheckedIOException if it cannot be copied out
     */
    public static Model load(Class<?> owner, String name) {
        try {
            Path dir = Files.createTempDirectory("alphatree-" + name);
            Path file = dir.resolve(name + ".pt");
            try (InputStream in = owner.getResourceAsStream(name + ".pt")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "resource " + name + ".pt is missing beside " + owner.getName());
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            Model model = Model.newInstance(name, "PyTorch");
            model.load(dir, name);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the TorchScript module " + name, e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("cannot load the TorchScript module " + name, e);
        }
    }

    /**
     * A module loaded on first use and kept for the process: the holder behind each helper ({@code
     * ChannelsLast}, {@code InPlace}, the Fréchet trace, the double backward).
     */
    public static final class Lazy {
        private final Class<?> owner;
        private final String name;
        private volatile Model model;

        /**
         * Describes the module; nothing is loaded yet.
         *
         * @param owner the class the resource lies beside
         * @param name the module's name, without {@code .pt}
         */
        public Lazy(Class<?> owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        /**
         * Returns the module, loading it on the first call.
         *
         * @return the loaded model
         * @throws IllegalStateException if the resource is missing or not a TorchScript module
         */
        public Model get() {
            Model m = model;
            if (m == null) {
                synchronized (this) {
                    m = model;
                    if (m == null) {
                        model = m = load(owner, name);
                    }
                }
            }
            return m;
        }
    }
}

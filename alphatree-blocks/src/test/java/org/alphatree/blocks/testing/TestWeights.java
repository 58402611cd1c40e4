package org.alphatree.blocks.testing;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alphatree.blocks.hub.HubCache;
import org.alphatree.blocks.hub.PretrainedWeights;
import org.alphatree.blocks.weights.Weights;

/**
 * Weight files of the deterministic formula for tests that need a real file: an FID network for the
 * metrics, a registered network with a weights entry in the (test) hub cache.
 */
public final class TestWeights {
    private TestWeights() {}

    /**
     * Initializes a block, fills it with {@link DeterministicWeights} and writes it as safetensors.
     *
     * @param block an uninitialized block
     * @param input the input shape to initialize with
     * @param file the file to write
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public static Path export(Block block, Shape input, Path file) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, input);
            DeterministicWeights.fill(block);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Weights.exportSafetensors(block, file);
        }
        return file;
    }

    /**
     * A weights entry for a file in the hub cache, described like published weights ({@code like}:
     * same network, transforms, labels, variant and key rewrites), with the file's own hash and
     * source {@code test}.
     *
     * @param like the published entry to copy
     * @param name the test entry's name
     * @param file the file, in {@code HubCache.defaultCache().directory()}
     * @return the entry (not registered)
     * @throws IOException if the file cannot be hashed
     */
    public static PretrainedWeights entry(PretrainedWeights like, String name, Path file)
            throws IOException {
        return new PretrainedWeights(
                like.model(),
                name,
                false,
                "https://example.invalid/" + file.getFileName(),
                file.getFileName().toString(),
                HubCache.sha256(file),
                like.preprocessing(),
                like.categories(),
                like.numClasses(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "test",
                "",
                "test",
                like.variant(),
                like.renames());
    }
}

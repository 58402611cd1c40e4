package org.alphatree.blocks.core;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;

/**
 * Bad input reached a block: names the block path, the block, the shapes it got and, where known,
 * what it expected. Thrown instead of the engine's native error.
 */
public class BlockException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;

    /**
     * Creates an exception for a failed call of a child.
     *
     * @param name the child's name
     * @param block the child
     * @param inputShapes the shapes it received
     * @param cause the original error
     */
    public BlockException(String name, Block block, Shape[] inputShapes, Throwable cause) {
        this(name, describe(block) + " got input " + Arrays.toString(inputShapes), cause);
    }

    /**
     * Creates an exception with a detail message.
     *
     * @param path the block path
     * @param detail what went wrong, with the expected and actual shapes
     * @param cause the original error, may be null
     */
    public BlockException(String path, String detail, Throwable cause) {
        super((String) null, cause);
        this.path = path;
        this.detail = detail;
    }

    /**
     * Returns the dotted path of the failing block, e.g. {@code layer1.0.conv1}.
     *
     * @return the path
     */
    public String getPath() {
        return path;
    }

    BlockException within(String parent) {
        BlockException e =
                new BlockException(
                        path.isEmpty() ? parent : parent + "." + path, detail, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** {@inheritDoc} */
    @Override
    public String getMessage() {
        String msg = path.isEmpty() ? detail : "Block '" + path + "': " + detail;
        Throwable c = getCause();
        if (c != null && !(c instanceof BlockException) && c.getMessage() != null) {
            String first = c.getMessage().lines().findFirst().orElse("");
            msg += " (" + first + ")";
        }
        return msg;
    }

    static String describe(Block block) {
        return block instanceof AlphaBlock ? ((AlphaBlock) block).kind() : Describe.of(block);
    }
}

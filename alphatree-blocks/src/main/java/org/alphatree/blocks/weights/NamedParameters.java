package org.alphatree.blocks.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * Maps a block's parameters to PyTorch {@code state_dict} keys ({@code layer1.0.conv1.weight}).
 * AlphaTree names children like the reference, so a key is the path of child names joined by dots;
 * DJL's position prefixes ({@code 01conv1}) are stripped. The children of a plain DJL {@link
 * SequentialBlock}, which DJL names by class ({@code Linear}, {@code Linear}, …), take their
 * 0-based position as name, like {@code torch.nn.Sequential} ({@code 0.weight}, {@code 2.weight}).
 * Two parameters that would share a key are an error, never a silent overwrite.
 */
public final class NamedParameters {
    private NamedParameters() {}

    /**
     * Returns every parameter of {@code block} under its state_dict key, in module order.
     *
     * @param block the block
     * @return an unmodifiable map from key to parameter
     * @throws IllegalStateException if two parameters would share a key
     */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(block, "", out);
        return Collections.unmodifiableMap(out);
    }

    private static void walk(Block block, String prefix, Map<String, Parameter> out) {
        for (Parameter p : block.getDirectParameters().values()) {
            Parameter previous = out.putIfAbsent(prefix + p.getName(), p);
            if (previous != null && previous != p) {
                throw new IllegalStateException(
                        "two parameters share the key '"
                                + prefix
                                + p.getName()
                                + "': give the children of '"
                                + (prefix.isEmpty() ? "the root" : prefix)
                                + "' distinct names");
            }
        }
        if (block instanceof AlphaBlock) {
            for (Map.Entry<String, Block> e : ((AlphaBlock) block).namedChildren().entrySet()) {
                walk(e.getValue(), prefix + e.getKey() + ".", out);
            }
        } else {
            boolean indexed = block instanceof SequentialBlock;
            int i = 1;
            for (Pair<String, Block> c : block.getChildren()) {
                String name = indexed ? String.valueOf(i - 1) : stripPosition(c.getKey(), i);
                walk(c.getValue(), prefix + name + ".", out);
                i++;
            }
        }
    }

    /**
     * Strips DJL's child position prefix ({@code %02d} of the 1-based position).
     *
     * @param djlName the name DJL stored, e.g. {@code 01conv1}
     * @param position the child's 1-based position
     * @return the plain name, e.g. {@code conv1}
     */
    static String stripPosition(String djlName, int position) {
        String p = String.format("%02d", position);
        return djlName.startsWith(p) ? djlName.substring(p.length()) : djlName;
    }
}

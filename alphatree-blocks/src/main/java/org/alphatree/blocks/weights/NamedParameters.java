package org.alphatree.blocks.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alphatree.blocks.core.AlphaBlock;

/**
 * Maps a block's parameters to PyTorch {@code state_dict} keys ({@code layer1.0.conv1.weight}).
 * AlphaTree names children like the reference, so a key is the path of child names joined by dots;
 * DJL's position prefixes ({@code 01conv1}) are stripped.
 */
public final class NamedParameters {
    private NamedParameters() {}

    /**
     * Returns every parameter of {@code block} under its state_dict key, in module order.
     *
     * @param block the block
     * @return an unmodifiable map from key to parameter
     */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        walk(block, "", out);
        return Collections.unmodifiableMap(out);
    }

    private static void walk(Block block, String prefix, Map<String, Parameter> out) {
        for (Parameter p : block.getDirectParameters().values()) {
            out.putIfAbsent(prefix + p.getName(), p);
        }
        if (block instanceof AlphaBlock) {
            for (Map.Entry<String, Block> e : ((AlphaBlock) block).namedChildren().entrySet()) {
                walk(e.getValue(), prefix + e.getKey() + ".", out);
            }
        } else {
            int i = 1;
            for (Pair<String, Block> c : block.getChildren()) {
                walk(c.getValue(), prefix + stripPosition(c.getKey(), i) + ".", out);
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

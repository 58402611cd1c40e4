package org.alphatree.blocks.core;

import java.util.List;

/**
 * A block whose output is a residual sum: lets diagrams draw the shortcut as a bypass into an add
 * node instead of a chain.
 */
public interface ResidualUnit {
    /**
     * Returns the child that computes the shortcut, or null for the identity.
     *
     * @return the shortcut child's name
     */
    String shortcut();

    /**
     * Returns the children called after the addition (e.g. the final ReLU), in order.
     *
     * @return the names
     */
    List<String> afterAdd();
}

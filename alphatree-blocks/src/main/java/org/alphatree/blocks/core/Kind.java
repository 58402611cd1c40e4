package org.alphatree.blocks.core;

/** A block that describes itself in a few words for summaries, diagrams and errors. */
public interface Kind {
    /**
     * Returns the short description, e.g. {@code BatchNorm2d(64)} or {@code MaxPool2d(3, 2)}.
     *
     * @return the description
     */
    String kind();
}

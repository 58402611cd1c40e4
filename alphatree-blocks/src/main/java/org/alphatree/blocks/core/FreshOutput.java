package org.alphatree.blocks.core;

/**
 * Marks a layer whose output is always a new array, never its input nor a view of it (a norm; DJL's
 * convolutions and linear layers are known to {@link AlphaBlock#chain} without the mark). The layer
 * after it in a chain may then overwrite that output ({@link InPlaceCapable}).
 */
public interface FreshOutput {}

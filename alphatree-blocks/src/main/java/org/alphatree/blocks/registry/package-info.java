/** The registry of named networks with their reference metadata. */
package org.alphatree.blocks.registry;

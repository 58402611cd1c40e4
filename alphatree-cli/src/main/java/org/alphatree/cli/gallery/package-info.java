/**
 * Documentation tooling behind {@code alphatree gallery} and {@code alphatree bench}: the block
 * catalog (every block family at a canonical shape), the gallery generator and the committed
 * benchmark numbers it shows. Kept out of the published libraries.
 */
package org.alphatree.cli.gallery;

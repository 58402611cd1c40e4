/** The {@code alphatree} command-line tool (picocli). */
package org.alphatree.cli;

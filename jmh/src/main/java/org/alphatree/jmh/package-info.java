/** JMH benchmarks of AlphaTree blocks and networks. */
package org.alphatree.jmh;

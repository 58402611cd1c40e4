/**
 * GAN evaluation metrics: FID, Inception Score and KID, equal to pytorch-fid and torch-fidelity.
 */
package org.alphatree.metrics;

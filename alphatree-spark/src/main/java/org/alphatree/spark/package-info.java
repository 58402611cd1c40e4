/**
 * FID statistics at scale on Apache Spark: {@link org.alphatree.spark.SparkFeatureStatistics} maps
 * image partitions through one FID Inception per executor JVM and tree-aggregates the float64
 * partial statistics (count, sum, sum of outer products) — mergeable, so the result equals the
 * single-machine {@link org.alphatree.metrics.FeatureStatistics}.
 */
package org.alphatree.spark;

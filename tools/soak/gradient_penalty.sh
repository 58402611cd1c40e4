#!/usr/bin/env bash
# Soak of the WGAN-GP double backward: 5,000 critic steps on a small MLP, RSS every 500 steps.
# The growth after warm-up (step 500) should stay under 50 MB. Build first: ./mvnw -B package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
# a bounded heap, so that RSS growth shows native memory rather than the JVM heap expanding
java -Xms96m -Xmx96m -XX:+UseSerialGC -Dai.djl.offline=true -cp jmh/target/benchmarks.jar org.alphatree.jmh.GradientPenaltySoak "${1:-5000}"

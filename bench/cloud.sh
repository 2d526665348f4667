#!/usr/bin/env bash
# JMH benchmarks of the OpenNebula client and simulator (docs/performance.md, "OpenNebula").
# Usage: bench/cloud.sh [JMH options]   e.g. bench/cloud.sh -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  org.openjdk.jmh.Main 'eu.federa.cloud.opennebula.(DecodeBenchmark|SimulatorThroughputBenchmark)' "$@"

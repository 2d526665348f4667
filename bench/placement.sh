#!/usr/bin/env bash
# JMH benchmark of the placement engine (docs/performance.md, "Placement").
# Usage: bench/placement.sh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  org.openjdk.jmh.Main 'eu.federa.placement.PlacementBenchmark' "$@"

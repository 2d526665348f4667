#!/usr/bin/env bash
# JMH benchmark of a rebalancing plan for 10,000 hosts and 100,000 VMs, with the plan's predicted
# improvement printed (docs/performance.md, "Rebalancing").
# Usage: bench/rebalance.sh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  org.openjdk.jmh.Main 'eu.federa.placement.RebalancePlanBenchmark' "$@"

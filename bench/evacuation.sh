#!/usr/bin/env bash
# JMH benchmark of planning a provider's evacuation: 2,000 VMs of 200 tenants onto a 10,000-host
# federation (docs/performance.md, "Moves between providers").
# Usage: bench/evacuation.sh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  org.openjdk.jmh.Main 'eu.federa.placement.EvacuationPlanBenchmark' "$@"

#!/usr/bin/env bash
# JMH benchmark of refreshing 10,000 hosts' utilisation forecasts from 14 days of history
# (docs/performance.md, "Forecasts"); the accuracy figures come from ForecastAccuracyTest.
# Usage: bench/forecast.sh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  org.openjdk.jmh.Main 'eu.federa.forecast.ForecastRefreshBenchmark' "$@"

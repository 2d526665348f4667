#!/usr/bin/env bash
# JMH benchmark of handing a page's characters to the container as bytes (docs/performance.md,
# "Twelfth pass"). Usage: bench/page-buffer.sh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  org.openjdk.jmh.Main 'eu.federa.platform.web.PageResponseBufferBenchmark' "$@"

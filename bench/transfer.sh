#!/usr/bin/env bash
# A moving disk's bytes from a simulated provider through Federa's copy and download code, with a
# small heap to show they are streamed (docs/performance.md, "Moves between providers").
# Usage: bench/transfer.sh [disk size in MiB, default 2048]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Xmx128m -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.cloud.simulator.DiskTransferBench "$@"

#!/usr/bin/env bash
# Rating benchmark: 1,000,000 usage records of 1,000 tenants into a month's invoices, against one SQL
# aggregate over the same rows, on an embedded MariaDB (docs/performance.md, "Rating").
# Usage: bench/rating.sh [records] [tenants] [repetitions] [token records]
# Token records are the AI gateway's, one per request (1,000,000 by default), rated with the VMs.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.billing.RatingBenchmark "$@"

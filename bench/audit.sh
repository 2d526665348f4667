#!/usr/bin/env bash
# Audit trail benchmark (issue #24), written into docs/performance.md ("Audit trail"): a tenant
# with a million audit entries exported whole as CSV and as JSON by the portal inside WildFly
# (AuditExportBenchmarkIT; the suite runs it with 20,000), with the time and the heap each took,
# then the time the chain needs to seal them and to check every seal.
# Usage: bench/audit.sh [entries]
set -euo pipefail
cd "$(dirname "$0")/.."
export FEDERA_BENCH_AUDIT_ENTRIES="${1:-1000000}"
mkdir -p target
mvn -B verify -Djacoco.skip=true -Dit.test='AuditExportBenchmarkIT' -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  > target/audit-bench.log 2>&1 || { tail -50 target/audit-bench.log; exit 1; }
grep -a -h -o "AUDIT-BENCH.*" target/failsafe-reports/*-output.txt

#!/usr/bin/env bash
# Export benchmark (issue #15): a tenant with 1,000 VMs, 200,000 usage intervals, 1,000 invoices and
# 50,000 audit events exported into one bundle by the portal inside WildFly (ExportBenchmarkIT at
# full scale; the suite runs it at 1/20). Prints the time from asking to ready and the heap it took;
# the result goes into docs/performance.md ("Export").
# Usage: bench/export.sh [scale]   (1 = the issue's tenant; 2 = twice as big)
set -euo pipefail
cd "$(dirname "$0")/.."
export FEDERA_BENCH_EXPORT_SCALE="${1:-1}"
mvn -B verify -Djacoco.skip=true -Dit.test=ExportBenchmarkIT -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  > target/export-bench.log 2>&1 || { tail -50 target/export-bench.log; exit 1; }
grep -a -h -o "EXPORT-BENCH.*" target/failsafe-reports/eu.federa.portability.ExportBenchmarkIT-output.txt

#!/usr/bin/env bash
# Export benchmarks (issue #15), written into docs/performance.md ("Export"):
# - a tenant with 1,000 VMs, 200,000 usage intervals, 1,000 invoices and 50,000 audit events
#   exported into one bundle by the portal inside WildFly (ExportBenchmarkIT at full scale; the
#   suite runs it at 1/20): the time from asking to ready and the heap it took;
# - a VM disk of 1 GiB saved, published and copied from the simulator's marketplace into an
#   export (DiskExportIT with 51,200 bytes per MiB of the VM's 20 GiB disk; the suite copies
#   80 MiB): the throughput.
# Usage: bench/export.sh [scale] [bytes of disk per MiB]
set -euo pipefail
cd "$(dirname "$0")/.."
export FEDERA_BENCH_EXPORT_SCALE="${1:-1}"
export FEDERA_BENCH_DISK_BYTES_PER_MIB="${2:-51200}"
mkdir -p target
mvn -B verify -Djacoco.skip=true -Dit.test='ExportBenchmarkIT,DiskExportIT' -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  > target/export-bench.log 2>&1 || { tail -50 target/export-bench.log; exit 1; }
grep -a -h -o "EXPORT-BENCH.*\|DISK-BENCH.*" target/failsafe-reports/*-output.txt

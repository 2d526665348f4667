#!/usr/bin/env bash
# Two WildFly nodes on one MariaDB under load and faults, one node killed with kill -9 every
# minute, then the invariants checked (issue #14; docs/performance.md, "Two nodes, kill -9").
# Settings: BENCH_MINUTES (5), BENCH_THREADS per node (8), BENCH_TENANTS (20),
# BENCH_KILL_SECONDS (60), BENCH_PORT_BASE (18080). Exit status 0 when every invariant holds.
# Output: the operations counted, the orders by state, and each invariant's count; also written to
# target/bench-two-nodes/result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mkdir -p target/bench-two-nodes
java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.TwoNodeBench 2>&1 | tee target/bench-two-nodes.log
status=${PIPESTATUS[0]}
sed -n '/^Operations/,$p' target/bench-two-nodes.log > target/bench-two-nodes/result.txt || true
exit "$status"

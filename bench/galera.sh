#!/usr/bin/env bash
# The two-node scenario of bench/two-nodes.sh (issue #14: orders, actions, approvals, provider
# faults, a WildFly node killed with kill -9 every minute) on a MariaDB Galera cluster of three
# nodes behind HAProxy (one writer), with the writer killed with kill -9 half-way through and
# started again at three quarters; then the same invariants, and whether the three nodes hold the
# same orders (issue #18; docs/galera.md). Runs as root (the MariaDB nodes run as user mysql) and
# needs Debian's mariadb-server, galera-4, rsync and haproxy (installed here when missing).
# Settings: those of bench/two-nodes.sh; Galera's ports are BENCH_PORT_BASE+2000 to +2043.
# Output: target/bench-galera/result.txt. Exit status 0 when every invariant holds.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
install_missing mariadb-server galera-4 rsync haproxy
mvn -B -q -DskipTests package
mkdir -p target/bench-galera
BENCH_DATABASE=galera java -Xmx512m \
  -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.TwoNodeBench 2>&1 | tee target/bench-galera.log
status=${PIPESTATUS[0]}
sed -n '/^Operations/,$p' target/bench-galera.log > target/bench-galera/result.txt || true
exit "$status"

#!/usr/bin/env bash
# Pages through Debian's HAProxy with two WildFly nodes behind it and with one, in the same run
# (issue #18; docs/performance.md, "Balancer: two nodes against one"): the two-node portal of
# bench/two-nodes.sh on one MariaDB, BENCH_USERS (50) bench users signed in through the balancer,
# then Debian's wrk asks for the dashboard and the catalog with their sessions, BENCH_SECONDS (30)
# each after a 10 s warm-up, through a balancer in front of both nodes and through one in front
# of node-a alone. Loopback only. Needs haproxy and wrk (installed here when missing).
# Output: requests per second, p50 and p99 of each, answers other than 200 (a lost session would
# be sent to the sign-in: counted, never measured); also in target/bench-balancer/result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
install_missing haproxy wrk
mvn -B -q -DskipTests package
mkdir -p target/bench-balancer
BENCH_SCENARIO=balancer BENCH_TENANTS="${BENCH_TENANTS:-25}" java -Xmx512m \
  -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.TwoNodeBench 2>&1 | tee target/bench-balancer.log
status=${PIPESTATUS[0]}
sed -n '/^Balancer/,$p' target/bench-balancer.log > target/bench-balancer/result.txt || true
exit "$status"

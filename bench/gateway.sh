#!/usr/bin/env bash
# The AI gateway's bench (issue #17; docs/performance.md, "AI gateway"): one portal node with the
# demo federation and an inference endpoint of two replicas. Measures the latency the gateway adds
# to small calls (against the same calls straight to a replica, alternating), calls per second
# through it, many streams held at once with the node's memory, and a kill -9 of the node during a
# burst (every answer received must have its token record after the restart).
# Settings: BENCH_REQUESTS (2000), BENCH_CLIENTS (32), BENCH_SECONDS (20), BENCH_STREAMS (500),
# BENCH_STREAM_TOKENS (60), BENCH_PORT_BASE (28080). Exit status 0 when every check holds.
# Output: target/bench-gateway/result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mkdir -p target/bench-gateway
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.GatewayBench

#!/usr/bin/env bash
# Pages under load (issue #19; docs/performance.md, "Pages under load"): one portal node with the
# demo organisations and 50 signed-in members of Acme, each with a VM; Debian's wrk (one connection
# a user, each request as the next user) against a bare Faces page, the dashboard, the catalog,
# the resources page and the orders API. Target: each page at least half the bare page's requests
# per second, p99 <= 150 ms. Settings: BENCH_USERS (50), BENCH_SECONDS (30), BENCH_WARM_SECONDS
# (60), BENCH_ROUNDS (3), BENCH_PROFILE (0; 1 first runs each target under Flight Recorder, not
# counted, and writes its hot methods), BENCH_PORT_BASE (31080), BENCH_PAGES (all; a list such as
# "dashboard,catalog" runs only those beside the bare page; "layout only", a page of the layout
# around one paragraph, runs only when named), BENCH_DB_URL_OPTIONS (none; the
# MariaDB driver's options to try, as a URL query: useServerPrepStmts=true), BENCH_PAIRS (0; N then
# measures each page against the bare page in N alternating pairs of BENCH_PAIR_SECONDS (10) s
# slices, a multiple the processors' drift over minutes does not move; each slice's p99 too),
# BENCH_THINK_MS (0; N has each user wait N ms between an answer and their next request: a bounded
# load, where only the p99 is judged). The
# portal's own settings pass through from the environment (FEDERA_WEB_THREADS=8). Loopback only. Exit
# status 0 when every page meets the target. Output: target/bench-load/result.txt (*.hot.txt with the profile).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
mvn -B -q -DskipTests package
mkdir -p target/bench-load target/bench-war
# The bench's copy of the WAR has one page more, the layout alone (bench/load-probe): the target
# "layout only", run when BENCH_PAGES names it.
cp target/federa.war target/bench-war/federa.war
jar uf target/bench-war/federa.war -C bench/load-probe probe-layout.xhtml
exec java -Xmx512m -Dfedera.war=target/bench-war/federa.war \
  -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.LoadBench

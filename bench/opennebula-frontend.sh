#!/usr/bin/env bash
# Configures and starts (or stops) an OpenNebula front-end built from source with dummy drivers, as
# described in ../shared/docs/opennebula-real.md, for the contract run (bench/opennebula-contract.sh).
#
#   bench/opennebula-frontend.sh start PREFIX [PASSWORD]   configure PREFIX once, start oned on 127.0.0.1:2633
#   bench/opennebula-frontend.sh stop PREFIX
#
# PREFIX is where `./install.sh -d PREFIX` put OpenNebula (outside the checkout; nothing of it is
# committed). The oneadmin password is PASSWORD, or a random one written to PREFIX/one_auth.
set -euo pipefail

action=${1:?start or stop}
prefix=$(realpath "${2:?PREFIX of the OpenNebula install}")
export ONE_LOCATION=$prefix ONE_AUTH=$prefix/one_auth ONE_XMLRPC=http://127.0.0.1:2633/RPC2
export PATH=$prefix/bin:$PATH RUBYLIB=$prefix/lib/ruby

stop() {
  local pgid=
  if [[ -f $prefix/oned.pgid ]]; then
    pgid=$(cat "$prefix/oned.pgid")
    kill -- "-$pgid" 2>/dev/null || true
    rm -f "$prefix/oned.pgid"
  fi
  # the dummy monitor clients run in sessions of their own
  pkill -f "$prefix/(lib|var/remotes)/.*(one_im|monitord|dummy)" 2>/dev/null || true
  pkill -f "$prefix/bin/(oned|monitord|onemonitord)" 2>/dev/null || true
  # oned runs as "oned -f" (found on PATH) and takes seconds to finish its managers; a new one
  # started before it has exited fails on its lock file.
  for _ in $(seq 1 60); do
    if [[ -n $pgid ]] && kill -0 -- "-$pgid" 2>/dev/null; then
      sleep 1
      continue
    fi
    [[ -e $prefix/var/lock/.lock ]] && pgrep -x oned > /dev/null && { sleep 1; continue; }
    return 0
  done
}

if [[ $action == stop ]]; then
  stop
  exit 0
fi

# Ruby path shim: a source install has no share/gems, so load only lib/ruby.
echo "\$LOAD_PATH << '$prefix/lib/ruby' unless \$LOAD_PATH.include?('$prefix/lib/ruby')" \
  > "$prefix/lib/ruby/load_opennebula_paths.rb"

if [[ ! -f $prefix/one_auth ]]; then
  echo "oneadmin:${3:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}" > "$prefix/one_auth"
  chmod 600 "$prefix/one_auth"
fi

conf=$prefix/etc/oned.conf
# A provider with OneGate (the contract template's CONTEXT asks for a TOKEN): without an endpoint,
# OpenNebula refuses to instantiate it ("TOKEN set, but onegate endpoint was not defined"). Nothing
# needs to answer there for the contract run.
if ! grep -q '^ONEGATE_ENDPOINT' "$conf"; then
  echo 'ONEGATE_ENDPOINT = "http://127.0.0.1:5030"' >> "$conf"
fi
if ! grep -q 'federa-contract' "$conf"; then
  sed -i 's/^LISTEN_ADDRESS *=.*/LISTEN_ADDRESS = "127.0.0.1"/' "$conf"
  cat >> "$conf" <<'CONF'
# federa-contract: dummy drivers, no hypervisor
VM_MAD = [ NAME = "dummy", EXECUTABLE = "one_vmm_dummy", TYPE = "xml" ]
MONITORING_INTERVAL_DATASTORE = 30
MONITORING_INTERVAL_MARKET = 60
CONF
  cat >> "$prefix/etc/monitord.conf" <<'CONF'
IM_MAD = [ NAME = "dummy", EXECUTABLE = "one_im_sh", ARGUMENTS = "-r 3 -t 15 -w 90 dummy", THREADS = 0 ]
CONF
  sed -i 's/^\( *MONITOR_HOST *=\).*/\1 30,/; s/^\( *MONITOR_VM *=\).*/\1 10,/' "$prefix/etc/monitord.conf" || true
fi

stop
# A lock left by an oned that did not exit (the machine was stopped under it) keeps the next one
# from starting ("Cannot start oned, opening lock file"): with no oned running, it is stale.
if [[ -e $prefix/var/lock/.lock ]] && ! pgrep -x oned > /dev/null; then
  rm -f "$prefix/var/lock/.lock"
fi
cd "$prefix"
setsid oned -f > "$prefix/oned.log" 2>&1 < /dev/null &
echo $! > "$prefix/oned.pgid"
for i in $(seq 1 60); do
  if onezone list > /dev/null 2>&1; then
    echo "OpenNebula $(oneversion 2>/dev/null | tail -1) answers at $ONE_XMLRPC (oneadmin password in $prefix/one_auth)"
    exit 0
  fi
  sleep 2
done
echo "oned did not answer within 120 s; see $prefix/oned.log and $prefix/var/oned.log" >&2
exit 1

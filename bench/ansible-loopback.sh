#!/usr/bin/env bash
# Applies the Ansible roles with the single-host inventory (ansible/) to a real Debian 12 host on
# this machine, twice (issue #18): the second run must change nothing. Then it opens the portal
# through the proxy and signs in, and runs the database backup with its restore check.
#
# The roles manage systemd services and nftables; this machine's PID 1 is not systemd, so the host
# is a Debian 12 system booted with its own systemd by systemd-nspawn, with a network of its own
# that has only a loopback interface (nothing it opens is reachable from this machine, and its
# firewall rules stay in it). It has no way out either: the Debian packages the roles install are
# fetched into its apt cache first, and the roles install them from there (cache_valid_time).
# The proxy's certificate is signed by a CA made here, which the host trusts (as a production host
# trusts a public one). Needs root. Output: each check, also in target/bench-ansible/result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
install_missing debootstrap systemd-container openssl unzip
mvn -B -q -DskipTests package

repo=$PWD
work=$repo/target/bench-ansible
base=${FEDERA_BENCH_IMAGE:-$work/base}
host=$work/host
pki=$work/pki
result=$work/result.txt
mkdir -p "$work"
: > "$result"
say() { echo "$*" | tee -a "$result"; }
fail() {
  say "FAILED: $*"
  exit 1
}

# The realm's password policy needs the breached-password list (wildfly-config/keycloak/README.md).
list=target/keycloak/data/password-blacklists/federa-breached-passwords.txt
if [ ! -s "$list" ]; then
  jar=$(find ~/.m2/repository/me/gosimple/nbvcxz -name 'nbvcxz-*.jar' | sort -V | tail -1)
  mkdir -p "$(dirname "$list")"
  unzip -p "$jar" dictionaries/passwords.txt | tr -d '\r' | tr 'A-Z' 'a-z' | sort -u > "$list"
fi

# A Debian 12 image with systemd and Ansible, made once and kept (FEDERA_BENCH_IMAGE to share it).
if [ ! -f "$base/.federa-image" ]; then
  mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2> /dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list)
  rm -rf "$base"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,python3,python3-apt,ca-certificates,curl,iproute2 \
    bookworm "$base" "$mirror"
  chroot "$base" apt-get update -q
  DEBIAN_FRONTEND=noninteractive chroot "$base" apt-get install -y -q --no-install-recommends ansible
  touch "$base/.federa-image"
fi

# A new host for each run.
rm -rf "$host" "$pki"
cp -a "$base" "$host"
echo federa > "$host/etc/hostname"
cat > "$host/etc/hosts" << 'EOF'
127.0.0.1 localhost
127.0.1.1 federa.example.internal federa
127.0.0.1 portal.bench.test login.bench.test
EOF
# What the roles install (ansible/roles/*/tasks/main.yml), into the host's apt cache.
chroot "$host" apt-get update -q
DEBIAN_FRONTEND=noninteractive chroot "$host" apt-get install -y -q --download-only \
  nftables mariadb-server mariadb-backup python3-pymysql openjdk-17-jre-headless haproxy \
  python3-cryptography

# The proxy's certificate (both host names), from a CA the host trusts.
mkdir -p "$pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Federa bench CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout "$pki/ca.key" -out "$pki/ca.crt" 2> /dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=portal.bench.test" \
  -keyout "$pki/proxy.key" -out "$pki/proxy.csr" 2> /dev/null
printf 'subjectAltName=DNS:portal.bench.test,DNS:login.bench.test\nextendedKeyUsage=serverAuth\n' > "$pki/ext"
openssl x509 -req -in "$pki/proxy.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
  -days 2 -extfile "$pki/ext" -out "$pki/proxy.crt" 2> /dev/null
cp "$pki/ca.crt" "$host/usr/local/share/ca-certificates/federa-bench-ca.crt"
chroot "$host" update-ca-certificates > /dev/null

# The vault: secrets made for this run only.
secret() { openssl rand -base64 30 | tr -d '/+=\n'; }
openssl genpkey -algorithm ed25519 -out "$pki/record.pem"
signing="$(openssl pkey -in "$pki/record.pem" -outform DER | base64 -w0).$(openssl pkey -in "$pki/record.pem" -pubout -outform DER | base64 -w0)"
admin_password=$(secret)
operator_password="Ops-$(secret)"
{
  echo "ansible_connection: local"
  echo "ansible_python_interpreter: /usr/bin/python3"
  echo "federa_cluster_address: 127.0.0.1"
  echo "federa_trusted_proxies: [127.0.0.1]"
  echo "federa_public_url: https://portal.bench.test/federa"
  echo "oidc_provider_url: https://login.bench.test/realms/federa"
  echo "keycloak_hostname: https://login.bench.test"
  echo "proxy_portal_host: portal.bench.test"
  echo "proxy_keycloak_host: login.bench.test"
  echo "vault_db_password: $(secret)"
  echo "vault_keycloak_db_password: $(secret)"
  echo "vault_keycloak_admin_password: $admin_password"
  echo "vault_oidc_client_secret: $(secret)"
  echo "vault_keycloak_admin_client_secret: $(secret)"
  echo "vault_federa_secret_keys: \"bench-1:$(openssl rand -base64 32)\""
  echo "vault_federa_record_signing_key: \"$signing\""
  echo "proxy_tls_pem: |"
  sed 's/^/  /' "$pki/proxy.crt" "$pki/proxy.key"
} > "$work/vault.yml"
chmod 600 "$work/vault.yml"

# Boot the host.
systemd-nspawn -D "$host" --boot --private-network --register=no --keep-unit -M federa-bench \
  --bind="$repo:/federa" --console=passive < /dev/null > "$work/container.log" 2>&1 &
nspawn=$!
trap 'kill -TERM $nspawn 2> /dev/null; wait $nspawn 2> /dev/null || true' EXIT
leader=""
for _ in $(seq 1 300); do
  leader=$(pgrep -P "$nspawn" -x systemd || true)
  [ -n "$leader" ] && break
  kill -0 "$nspawn" 2> /dev/null || fail "the host did not boot: $(tail -5 "$work/container.log")"
  sleep 0.2
done
[ -n "$leader" ] || fail "the host did not boot in 60 s"
inside() { nsenter -t "$leader" -m -u -i -n -p -r -w "$@"; }
state=$(inside systemctl is-system-running --wait || true)
say "Host: Debian $(cat "$host/etc/debian_version"), systemd $(inside systemctl --version | awk 'NR==1 { print $2 }'), boot: $state"

play() {
  inside env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root ANSIBLE_NOCOLOR=1 \
    ANSIBLE_FORCE_COLOR=0 bash -c "cd /federa/ansible && ansible-playbook $* \
    -i inventories/single-host/hosts.ini site.yml -e @/federa/target/bench-ansible/vault.yml"
}
recap() { grep -A1 '^PLAY RECAP' "$1" | tail -1 | sed 's/  */ /g'; }

start=$(date +%s)
play > "$work/run-1.log" 2>&1 || fail "first run: $(tail -30 "$work/run-1.log")"
say "Run 1 (installs): $(recap "$work/run-1.log") in $(($(date +%s) - start)) s"
start=$(date +%s)
play --diff > "$work/run-2.log" 2>&1 || fail "second run: $(tail -30 "$work/run-2.log")"
second=$(recap "$work/run-2.log")
say "Run 2 (again): $second in $(($(date +%s) - start)) s"
case "$second" in
  *" changed=0 "*) say "ok   the second run changed nothing" ;;
  *) fail "the second run changed something: $(grep -B2 '^changed:' "$work/run-2.log")" ;;
esac

# The portal through the proxy.
curl_in() { inside curl -s --cacert /usr/local/share/ca-certificates/federa-bench-ca.crt "$@"; }
code=""
for _ in $(seq 1 600); do
  code=$(curl_in -o /dev/null -w '%{http_code}' https://portal.bench.test/federa/ || true)
  [ "$code" = 302 ] && break
  sleep 0.5
done
[ "$code" = 302 ] || fail "the portal did not answer through the proxy (last answer: $code)"
say "ok   https://portal.bench.test/federa/ answers through the proxy (302 to sign in)"
headers=$(curl_in -D - -o /dev/null https://portal.bench.test/federa/)
grep -qi '^strict-transport-security: max-age=' <<< "$headers" || fail "no HSTS: $headers"
say "ok   HSTS on the proxy's answers"
plain=$(inside curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://portal.bench.test/federa/)
[ "${plain%% *}" = 301 ] || fail "plain HTTP was not sent to HTTPS: $plain"
say "ok   plain HTTP is sent to HTTPS ($plain)"
rules=$(inside nft list ruleset)
grep -q 'hook input priority filter; policy drop;' <<< "$rules" || fail "no firewall rules: $rules"
say "ok   the firewall drops what the roles do not serve"

# No demo user was imported; the first platform admin is made as ansible/README.md says.
kcadm() { inside /opt/keycloak/bin/kcadm.sh "$@"; }
kcadm config credentials --server http://127.0.0.1:8180 --realm master --user admin \
  --password "$admin_password" > /dev/null
[ "$(kcadm get users -r federa -q username=olivia -q exact=true --fields username)" = "[ ]" ] \
  || fail "the demo user olivia was imported"
say "ok   no demo user in the realm"
kcadm create users -r federa -s username=ops -s enabled=true -s email=ops@bench.test \
  -s firstName=Olga -s lastName=Operator > /dev/null
kcadm set-password -r federa --username ops --new-password "$operator_password"
kcadm add-roles -r federa --uusername ops --rolename platform-admin

# Sign in through the proxy, as a browser does: the portal sends to Keycloak's form, the form back.
jar=/tmp/federa-bench-cookies
inside rm -f "$jar"
curl_in -L -c "$jar" -b "$jar" -o /tmp/federa-login.html https://portal.bench.test/federa/
action=$(inside grep -o -m1 'action="[^"]*"' /tmp/federa-login.html | sed -e 's/^action="//' -e 's/"$//' -e 's/&amp;/\&/g')
case "$action" in
  https://login.bench.test/realms/federa/*) ;;
  *) fail "no Keycloak sign-in form through the proxy: $action" ;;
esac
landing=$(curl_in -L -c "$jar" -b "$jar" -o /tmp/federa-landing.html -w '%{http_code} %{url_effective}' \
  --data-urlencode username=ops --data-urlencode "password=$operator_password" "$action")
case "$landing" in
  "200 https://portal.bench.test/federa/"*) ;;
  *) fail "signing in did not land on the portal: $landing" ;;
esac
inside grep -q 'id="logout"' /tmp/federa-landing.html || fail "the landing page is not a signed-in page"
say "ok   signed in through the proxy as a new platform admin: $landing"

# The scheduled backup, once now: mariadb-backup, prepared, restored into a scratch server, checked.
start=$(date +%s)
inside systemctl start federa-db-backup.service || fail "backup: $(inside journalctl -u federa-db-backup -n 20 --no-pager)"
say "ok   backup restored and checked in $(($(date +%s) - start)) s: $(inside journalctl -u federa-db-backup -n 3 --no-pager -o cat | tail -1)"
say "All checks passed."

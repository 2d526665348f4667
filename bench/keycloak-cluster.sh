#!/usr/bin/env bash
# Two Keycloak nodes in production mode on one MariaDB behind HAProxy with TLS, as the Ansible role
# keycloak runs them (issue #18): the realm imported with its secrets from the environment, the
# issuer the public https address, one cluster of two, and a signed-in user's session outliving
# the node that served her (killed with kill -9). Loopback only; needs haproxy and openssl
# (installed here when missing). Output: each check, also in target/bench-keycloak-cluster/result.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
install_missing haproxy openssl
mvn -B -q -DskipTests package
mkdir -p target/bench-keycloak-cluster
java -Xmx256m -cp "target/test-classes:target/classes:$(cat target/launcher.classpath)" \
  eu.federa.devstack.KeycloakClusterBench 2>&1 | tee target/bench-keycloak-cluster.log
status=${PIPESTATUS[0]}
sed -n '/^Keycloak cluster behind/,$p' target/bench-keycloak-cluster.log > target/bench-keycloak-cluster/result.txt || true
exit "$status"

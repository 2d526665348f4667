# Shared by the bench scripts: sourced, not run.

# Installs the Debian packages named that are missing (as root; apt-get's own errors otherwise).
install_missing() {
  local need=()
  for p in "$@"; do
    dpkg -s "$p" > /dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
  fi
}

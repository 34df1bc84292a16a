#!/usr/bin/env bash
# Installs the Debian packages cloudnet's tests and demo use for real: nftables, iproute2,
# bird2, the reference CNI plugins (ptp, host-local, portmap, bandwidth), podman + runc,
# busybox-static (a container rootfs), conntrack, and clang/zlib for the NativeAOT link.
# Idempotent: installs only what is missing. Needs root.
set -euo pipefail

packages=(nftables iproute2 iputils-ping bird2 containernetworking-plugins podman runc
          busybox-static conntrack clang zlib1g-dev procps psmisc jq curl awscli)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root (sudo make ...) so they can be installed" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# bird2's package starts a system BIRD; cloudnet runs its own per test/demo, never the host's.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet bird 2>/dev/null; then
  systemctl stop bird || true
fi

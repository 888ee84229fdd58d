#!/usr/bin/env bash
# Installs what the probe and agent tests need beyond Rust and a running Docker daemon, on a
# fresh Debian machine as root. Idempotent: installs only what is missing.
#   iproute2   `ip route`: the tests pick subnets that the host does not already route
#   procps     `kill`: the agent tests stop `netctl agent serve` with SIGTERM and SIGINT
#   libc-bin   `ldd`: `netctl agent rootfs` lists a dynamic netctl's loader and libraries
#   libc6-dev  libc.a: scripts/build-agent-image.sh links netctl statically (+crt-static)
#   busybox-static  /bin/busybox: the exec-strategy tests give placeholders real tools
set -euo pipefail

missing=()
command -v ip >/dev/null || missing+=(iproute2)
command -v kill >/dev/null || missing+=(procps)
command -v ldd >/dev/null || missing+=(libc-bin)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
[ -x /bin/busybox ] || missing+=(busybox-static)

if [ ${#missing[@]} -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
command -v docker >/dev/null || { echo "ci-deps: the docker CLI is missing" >&2; exit 1; }

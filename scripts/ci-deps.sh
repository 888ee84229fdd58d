#!/usr/bin/env bash
# Installs what netctl's tests need beyond Rust and a running Docker daemon, on a fresh Debian
# machine as root. Idempotent: installs only what is missing.
#   busybox-static  placeholders with real tools (scripts/build-test-image.sh, exec-strategy tests)
#   iproute2        `ip route`: tests pick subnets that the host does not already route
#   procps          `kill`: the agent tests stop `netctl agent serve` with SIGTERM and SIGINT
#   libc-bin        `ldd`: `netctl agent rootfs` lists a dynamic netctl's loader and libraries
#   libc6-dev       libc.a: scripts/build-agent-image.sh links netctl statically (+crt-static)
#   socat, openssl  a TLS proxy to the daemon on loopback (tests/live_tls.rs)
#   curl, jq        the raw-API side of scripts/bench-apply.sh (jq: bench-verify-scale.sh too)
#   time            GNU time: peak memory in scripts/bench-verify-scale.sh
#   tmux            a terminal of fixed size: tests/terminal_demo.rs runs `netctl demo` in one
#   docker-compose  the real Compose (1.29): tests/compose_verify.rs, live_compose_networks.rs,
#                   and compose_conformance.rs (which compares its verdicts with lint's)
set -euo pipefail

missing=()
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v ip >/dev/null || missing+=(iproute2)
command -v kill >/dev/null || missing+=(procps)
command -v ldd >/dev/null || missing+=(libc-bin)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || missing+=(libc6-dev)
command -v socat >/dev/null || missing+=(socat)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v jq >/dev/null || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
command -v tmux >/dev/null || missing+=(tmux)
command -v docker-compose >/dev/null || missing+=(docker-compose)

if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v docker >/dev/null || { echo "ci-deps: the docker CLI is missing" >&2; exit 1; }

#!/usr/bin/env bash
# Installs what netctl's live tests need on a fresh machine: Debian's busybox-static (the
# placeholder image is built from it by scripts/build-test-image.sh), socat and openssl (a
# TLS proxy to the daemon on loopback, for tests/live_tls.rs), curl and jq (the benchmark).
set -euo pipefail
missing=()
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# Builds netctl-test-busybox:1, the placeholder image of the live tests, from Debian's static
# busybox (no registry here: nothing can be pulled). Idempotent: an existing image is kept.
set -euo pipefail
IMAGE="${NETCTL_TEST_IMAGE:-netctl-test-busybox:1}"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
    exit 0
fi
BUSYBOX="$(command -v busybox)"
ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT/bin" "$ROOT/tmp" "$ROOT/etc"
cp "$BUSYBOX" "$ROOT/bin/busybox"
for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$ROOT/bin/$applet"
done
tar -C "$ROOT" -c . | docker import --change 'CMD ["/bin/sleep","infinity"]' - "$IMAGE" >/dev/null

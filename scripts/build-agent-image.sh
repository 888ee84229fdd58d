#!/usr/bin/env bash
# Builds netctl's agent image locally: a static netctl, its root filesystem as a tar (from the
# hidden `netctl agent rootfs`), and `docker import` with the entrypoint set. No registry, no
# base image. Prints the tag. Usage: scripts/build-agent-image.sh [TAG]
set -euo pipefail

cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
tag=${1:-netctl-agent:$version}
target=x86_64-unknown-linux-gnu
target_dir=${CARGO_TARGET_DIR:-target}

# The target is named explicitly: with RUSTFLAGS set and no --target, proc-macro crates
# would be linked statically too and fail to build.
RUSTFLAGS='-C target-feature=+crt-static' cargo build --release --locked --target "$target" >&2
binary="$target_dir/$target/release/netctl"

# Keep these changes in step with netctl::agent::IMPORT_CHANGES.
"$binary" agent rootfs | docker import \
    --change 'ENTRYPOINT ["/netctl"]' \
    --change 'CMD ["agent", "serve"]' \
    --change 'LABEL io.netctl.role=agent' \
    - "$tag" >&2
echo "$tag"

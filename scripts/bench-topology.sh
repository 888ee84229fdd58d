#!/usr/bin/env bash
# Times `netctl validate` and `netctl matrix -o json` on synthetic topologies of growing size
# (up to 1,000 networks and 5,000 services) with the release binary; prints the median of 5.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/netctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median_ms() {
  local runs=()
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    runs+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
}

printf '%-10s %-10s %-12s %-14s %-16s\n' networks services file_bytes validate_ms matrix_json_ms
for scale in 1 2 4; do
  networks=$((250 * scale)); services=$((1250 * scale))
  file="$work/topology-$networks.yaml"
  python3 scripts/gen-topology.py "$networks" "$services" > "$file"
  "$bin" validate "$file" > /dev/null
  printf '%-10s %-10s %-12s %-14s %-16s\n' "$networks" "$services" "$(stat -c %s "$file")" \
    "$(median_ms "$bin" validate "$file")" "$(median_ms "$bin" matrix "$file" -o json)"
done

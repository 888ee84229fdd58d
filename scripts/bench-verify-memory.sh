#!/usr/bin/env bash
# Peak memory and wall time of `verify` as the number of services grows: on the fake daemon
# (benches/verify_memory.rs: every container runs, the fake sidecar answers as Docker's network
# would) at 1k, 5k and 10k services, each size in its own process under GNU time; then live,
# 300 running services through scripts/bench-verify-scale.sh, spread over 10 networks so that
# no bridge holds more than ~1,000 endpoints.
#
# Usage: scripts/bench-verify-memory.sh [--sizes "1000 5000 10000"] [--no-live]
# Needs: GNU time; for the live part, what scripts/bench-verify-scale.sh needs (a Docker
# daemon, root, jq).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 5000 10000"
live=1
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) sizes=$2; shift 2 ;;
        --no-live) live=0; shift ;;
        *) echo "usage: $0 [--sizes \"N ...\"] [--no-live]" >&2; exit 2 ;;
    esac
done

bench=$(cargo bench --locked --bench verify_memory --no-run --message-format=json 2>/dev/null \
    | jq -r 'select(.executable != null and .target.name == "verify_memory") | .executable' \
    | tail -n 1)
[ -x "$bench" ] || { echo "could not build benches/verify_memory.rs" >&2; exit 1; }

echo "verify on the fake daemon, $(nproc) cores" >&2
printf '%-9s %11s %11s %8s %8s %8s %10s %12s\n' \
    services checks passed failed skipped listed seconds peak_rss_mb
for n in $sizes; do
    timing=$(mktemp)
    line=$(/usr/bin/time -f "%e %M" -o "$timing" "$bench" --services "$n")
    read -r services checks passed failed skipped listed _setup _verify _hwm <<<"$line"
    read -r seconds maxrss_kb < <(tail -n 1 "$timing")
    rm -f "$timing"
    printf '%-9s %11s %11s %8s %8s %8s %10s %12s\n' "$services" "$checks" "$passed" \
        "$failed" "$skipped" "$listed" "$seconds" "$((maxrss_kb / 1024))"
done

if [ "$live" -eq 1 ]; then
    echo "verify live: 300 running services on 10 networks" >&2
    scripts/bench-verify-scale.sh --services 300 --networks 10 --runs 1
fi

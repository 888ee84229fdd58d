#!/usr/bin/env bash
# Lints 1,000 generated compose files in one run and prints files per second.
#
# Usage: scripts/bench-lint.sh [COUNT]
#   NETCTL=path/to/netctl  use this binary instead of building a release one.
# The files vary in size (3 to 40 services), syntax forms (short and long ports, list and
# map networks, labels, anchors) and findings, so every rule runs.
set -euo pipefail

count="${1:-1000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${NETCTL:-}" ]]; then
    cargo build --release --quiet --manifest-path "$root/Cargo.toml"
    target="${CARGO_TARGET_DIR:-$root/target}"
    NETCTL="$target/release/netctl"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

generate() {
    local n="$1" services=$((3 + $1 % 38))
    echo "name: bench-$n"
    echo "x-common: &common"
    echo "  restart: unless-stopped"
    echo "services:"
    for ((s = 0; s < services; s++)); do
        echo "  svc$s:"
        echo "    <<: *common"
        case $((s % 5)) in
            0) echo "    image: postgres:16" ;;
            1) echo "    image: ghcr.io/acme/app$s:\${TAG:-latest}"
               echo "    ports: [\"$((8000 + s)):80\", \"127.0.0.1:$((9000 + s)):9000\"]" ;;
            2) echo "    image: bitnami/redis:7"
               echo "    labels: [\"io.example.tier=cache\"]" ;;
            3) echo "    image: nginx:alpine"
               echo "    labels:"
               echo "      traefik.enable: \"true\""
               echo "      traefik.docker.network: web" ;;
            4) echo "    image: acme/worker"
               echo "    ports:"
               echo "      - target: 80"
               echo "        published: \"$((7000 + s))\""
               echo "        host_ip: 127.0.0.1" ;;
        esac
        echo "    networks:"
        echo "      backend:"
        echo "        aliases: [svc$s-alias]"
        echo "        ipv4_address: 10.$((n % 200)).1.$((10 + s))"
        if ((s % 5 == 3)); then echo "      web:"; fi
        if ((s % 5 == 1)); then
            echo "    volumes:"
            echo "      - ./data/$s:/data"
            echo "      - type: bind"
            echo "        source: /srv/$s"
            echo "        target: /srv"
        fi
    done
    echo "networks:"
    echo "  web:"
    echo "    external: true"
    echo "  backend:"
    echo "    internal: true"
    echo "    ipam:"
    echo "      config:"
    echo "        - subnet: 10.$((n % 200)).1.0/24"
}

for ((n = 0; n < count; n++)); do
    generate "$n" >"$work/compose-$n.yml"
done

bytes=$(cat "$work"/*.yml | wc -c)
start=$(date +%s.%N)
"$NETCTL" lint "$work"/*.yml -o json --fail-on never >"$work/findings.json"
end=$(date +%s.%N)

findings=$(grep -c '"rule"' "$work/findings.json" || true)
awk -v n="$count" -v s="$start" -v e="$end" -v b="$bytes" -v f="$findings" 'BEGIN {
    t = e - s
    printf "linted %d files (%.1f MB, %d findings) in %.3f s: %.0f files/second\n", n, b / 1e6, f, t, n / t
}'
echo "command: $NETCTL lint <$count files> -o json --fail-on never"

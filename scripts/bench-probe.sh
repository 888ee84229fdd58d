#!/usr/bin/env bash
# Verifies the 14-service Versatile Hub's full mesh with each probe strategy (netns, sidecar,
# exec) and times the troubleshooting guide's per-pair `docker exec ping -c 3` + `nslookup`,
# against the real daemon; prints the times and the ratios to netns.
# Usage: scripts/bench-probe.sh [--pairs N]   (N: time the guide on N pairs and extrapolate)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench probe_strategies -- "$@"

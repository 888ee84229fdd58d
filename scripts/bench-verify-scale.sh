#!/usr/bin/env bash
# Verifies a large live topology with the release build and prints, per run, the wall time,
# the checks, the failures and the peak memory of `netctl verify`.
#
# It starts S placeholder services (`netctl agent serve --tcp 8000`, from an agent image of
# this build) over N internal networks of its own (10.215.128.0/17, skipping subnets the host
# routes or the daemon already uses); service i sits on network i mod N, and every tenth service
# also on the next network. Everything carries a label with this run's id and is removed on
# exit, also on failure or Ctrl-C. Nothing leaves the host: every network is internal.
#
# Usage: scripts/bench-verify-scale.sh [--services S] [--networks N] [--runs R]
#                                      [--nofile LIMIT] [--netctl PATH] [--settle SECONDS]
#                                      [-- VERIFY-ARGS...]
#   --nofile runs verify under `ulimit -n LIMIT` (soft and hard), to see it adapt;
#   --netctl PATH times another build (e.g. an older commit's) on the same kind of lab;
#   --settle pauses before each run (default 5 s): the daemon holds every DNS question it
#   could not answer for about 4 s, and a run right after another waits for that room.
# It waits for the machine-wide live-test lock first: a live test beside it would skew the
# times (and a swarm leave resets the daemon's DNS records of running containers).
# Needs: a Docker daemon, root (the netns strategy), jq and GNU time (scripts/ci-deps.sh).
# Prints per run: checks, passed, failed, skipped, wall seconds and peak RSS of verify, and
# the daemon's peak open files meanwhile (when this host runs it).
set -euo pipefail
cd "$(dirname "$0")/.."

services=100
networks=10
runs=3
nofile=
netctl=
settle=5
while [ $# -gt 0 ]; do
    case $1 in
        --services) services=$2; shift 2 ;;
        --networks) networks=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --nofile) nofile=$2; shift 2 ;;
        --netctl) netctl=$2; shift 2 ;;
        --settle) settle=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "usage: $0 [--services S] [--networks N] [--runs R] [--nofile LIMIT] [--netctl PATH] [--settle SECONDS] [-- VERIFY-ARGS...]" >&2; exit 2 ;;
    esac
done
verify_args=("$@")

exec 9>>"${TMPDIR:-/tmp}/netctl-live-tests.lock"
flock 9

run=vs$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
label="io.netctl.bench=$run"
image="netctl-bench-scale:$run"
work=$(mktemp -d)

cleanup() {
    docker ps -aq --filter "label=$label" | xargs -r docker rm -f -v >/dev/null 2>&1 || true
    docker network ls -q --filter "label=$label" | xargs -r docker network rm >/dev/null 2>&1 || true
    docker image rm "$image" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$netctl" ]; then
    cargo build --release --locked --bin netctl >&2
    netctl=$PWD/target/release/netctl
fi

# The agent image under this run's own tag: never the shared netctl-agent:<version> cache.
"$netctl" agent rootfs | docker import \
    --change 'ENTRYPOINT ["/netctl"]' \
    --change "LABEL $label" \
    - "$image" >/dev/null

routes=$(ip -4 route)
third=128
create_network() {
    local name=$1
    while [ $third -lt 256 ]; do
        local subnet="10.215.$third.0/24"
        third=$((third + 1))
        grep -qF "$subnet" <<<"$routes" && continue
        if docker network create --internal --subnet "$subnet" --label "$label" "$name" \
            >/dev/null 2>"$work/network.err"; then
            echo "$subnet"
            return
        fi
        grep -q overlaps "$work/network.err" || { cat "$work/network.err" >&2; exit 1; }
    done
    echo "no free /24 in 10.215.128.0/17 for $name" >&2
    exit 1
}

{
    echo "version: 1"
    echo "project: $run"
    echo "networks:"
    for n in $(seq 0 $((networks - 1))); do
        subnet=$(create_network "$run-n$n")
        echo "  n$n: {name: $run-n$n, internal: true, subnet: $subnet}"
    done
    echo "services:"
    for s in $(seq 0 $((services - 1))); do
        first=$((s % networks))
        if [ $((s % 10)) -eq 0 ] && [ "$networks" -gt 1 ]; then
            echo "  s$s: {container: $run-s$s, networks: [n$first, n$(((first + 1) % networks))], ports: [8000]}"
        else
            echo "  s$s: {container: $run-s$s, networks: [n$first], ports: [8000]}"
        fi
    done
} >"$work/topology.yaml"

echo "starting $services placeholders on $networks networks ($run)..." >&2
for s in $(seq 0 $((services - 1))); do echo "$s"; done | xargs -P 4 -I{} sh -c '
    s={}; first=$((s % '"$networks"'))
    docker run -d --name '"$run"'-s$s --label '"$label"' --label io.netctl.role=placeholder \
        --network '"$run"'-n$first '"$image"' agent serve --tcp 8000 >/dev/null
    if [ $((s % 10)) -eq 0 ] && [ '"$networks"' -gt 1 ]; then
        docker network connect '"$run"'-n$(((first + 1) % '"$networks"')) '"$run"'-s$s
    fi'
running=$(docker ps -q --filter "label=$label" --filter status=running | wc -l)
[ "$running" -eq "$services" ] || { echo "only $running of $services placeholders run" >&2; exit 1; }

# The daemon's open files while verify runs (each DNS question it cannot answer holds one for
# about 4 s): sampled every 100 ms when this host runs the daemon and says its pid.
daemon_pid=$(cat /var/run/docker.pid 2>/dev/null || true)
peak_daemon_files() {
    local verify=$1 peak=0 open
    while kill -0 "$verify" 2>/dev/null; do
        open=$(ls "/proc/$daemon_pid/fd" 2>/dev/null | wc -l)
        [ "$open" -gt "$peak" ] && peak=$open
        sleep 0.1
    done
    echo "$peak"
}

limit=${nofile:-$(ulimit -Hn)}
echo "netctl verify ($netctl), $(nproc) cores, open-file limit $limit," \
    "${settle}s pause before each run" >&2
printf '%-4s %8s %8s %8s %8s %10s %10s %13s\n' \
    run checks passed failed skipped seconds maxrss_mb daemon_files
set +e
for r in $(seq 1 "$runs"); do
    sleep "$settle"
    bash -c '[ -z "$1" ] || ulimit -n "$1"; shift; exec /usr/bin/time -f "%e %M" -o "$0" "$@"' \
        "$work/time" "$nofile" "$netctl" verify "$work/topology.yaml" -o json -q \
        ${verify_args[@]+"${verify_args[@]}"} >"$work/report.json" 2>"$work/stderr" &
    verify=$!
    daemon_files=-
    [ -n "$daemon_pid" ] && daemon_files=$(peak_daemon_files "$verify")
    wait "$verify"
    code=$?
    read -r seconds maxrss_kb < <(tail -n 1 "$work/time")
    # The totals count every check; `.checks` lists them only up to the report's bounds.
    summary=$(jq -r '"\(.passed + .failed + .skipped) \(.passed) \(.failed) \(.skipped)"' \
        "$work/report.json" 2>/dev/null || echo "- - - -")
    read -r checks passed failed skipped <<<"$summary"
    printf '%-4s %8s %8s %8s %8s %10s %10s %13s' "$r" "$checks" "$passed" "$failed" \
        "$skipped" "$seconds" "$((${maxrss_kb:-0} / 1024))" "$daemon_files"
    if [ "$code" -eq 0 ]; then echo; continue; fi
    echo "   exit $code"
    # The most frequent explanations, with addresses and names folded, and any error.
    jq -r '.checks[]? | select(.ok | not) | .explanation' "$work/report.json" 2>/dev/null \
        | sed -E 's/[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/ADDR/g; s/'"$run"'-s[0-9]+/SVC/g; s/\bs[0-9]+\b/SVC/g' \
        | sort | uniq -c | sort -rn | head -n 5 >&2
    jq -r '.error.message? // empty' "$work/report.json" 2>/dev/null >&2
    grep -v -e '^[0-9.]* [0-9]*$' -e '^Command exited' "$work/stderr" | head -n 5 >&2
done

#!/usr/bin/env bash
# Benchmark of `netctl apply`: the Versatile Hub applied from nothing, side by side with
# (a) the same `docker network create` / `docker network connect` CLI sequence and (b) the
# same raw Engine API calls with curl on the socket; then a no-change plan. Prints times,
# ratios and netctl's API call count. Everything it creates carries io.netctl.bench=<run>
# or the run's project label and is removed on exit; subnets 10.77.20.0/24 and 10.77.21.0/24.
#
# Usage: scripts/bench-apply.sh [ROUNDS]   (default 3; the median of each is printed)
# NETCTL=path/to/netctl uses that binary instead of building a release one.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
bash scripts/ci-deps.sh
bash scripts/build-test-image.sh
if [ -z "${NETCTL:-}" ]; then
    cargo build --release --quiet
    NETCTL="${CARGO_TARGET_DIR:-target}/release/netctl"
fi
SOCKET=/var/run/docker.sock
API=v1.41
RUN="bench$(printf '%x' "$$")"
WORK="$(mktemp -d)"
unset NETCTL_PROJECT DOCKER_HOST
LABEL="io.netctl.bench=$RUN"
SERVICES=(agent chat-web chat-worker chat-postgres chat-redis chat-bridge hub-frontend
    hub-backend hub-websocket hub-worker hub-scheduler hub-db hub-redis-cache hub-redis-queue)

cleanup() {
    docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null
    for filter in "label=$LABEL" "label=io.netctl.project=$RUN"; do
        docker network ls -q --filter "$filter" | xargs -r docker network rm >/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

sed "s|    external: true            # .*|    external: true\n    name: $RUN-web|" \
    topologies/versatile-hub.yaml >"$WORK/hub.yaml"
ARGS=("$WORK/hub.yaml" --project "$RUN" --subnet-remap 172.31.0.0/16=10.77.21.0/24)

docker network create --label "$LABEL" --subnet 10.77.20.0/24 "$RUN-web" >/dev/null
for service in "${SERVICES[@]}"; do
    docker run -d --name "$RUN-$service" --label "$LABEL" netctl-test-busybox:1 >/dev/null
done

# Back to the start: the project's networks gone, the external one empty.
reset() {
    for network in $(docker network ls -q --filter "label=io.netctl.project=$RUN") "$RUN-web"; do
        for container in $(docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' "$network"); do
            docker network disconnect -f "$network" "$container"
        done
    done
    docker network ls -q --filter "label=io.netctl.project=$RUN" | xargs -r docker network rm >/dev/null
}

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The plan from nothing drives all three contenders, so they make the very same changes.
"$NETCTL" plan "${ARGS[@]}" -o json >"$WORK/plan.json"
CHANGES="$(jq .changes "$WORK/plan.json")"

# One file per command: CLI argument lists (one per line) and raw API requests.
jq -c '.actions[] | select(.action == "create_network") | .spec' "$WORK/plan.json" >"$WORK/creates"
jq -c '.actions[] | select(.action == "connect")' "$WORK/plan.json" >"$WORK/connects"
i=0
while read -r spec; do
    i=$((i + 1))
    jq -r '["network", "create", "--driver", .driver]
        + (if .internal then ["--internal"] else [] end)
        + (if .attachable then ["--attachable"] else [] end)
        + (.ipam.pools | map("--subnet", .subnet) | flatten)
        + (.options | to_entries | map("-o", "\(.key)=\(.value)") | flatten)
        + (.labels | to_entries | map("--label", "\(.key)=\(.value)") | flatten)
        + [.name] | .[]' <<<"$spec" >"$WORK/cli.$i"
    jq -c '{Name: .name, Driver: .driver, Internal: .internal, Attachable: .attachable,
        EnableIPv6: .enable_ipv6, Options: .options, Labels: .labels,
        IPAM: {Driver: "default", Config: (.ipam.pools | map({Subnet: .subnet}))}}' \
        <<<"$spec" >"$WORK/body.$i"
    echo "/networks/create" >"$WORK/url.$i"
done <"$WORK/creates"
while read -r connect; do
    i=$((i + 1))
    jq -r '["network", "connect"]
        + (.endpoint.aliases | map("--alias", .) | flatten)
        + (if .endpoint.ipv4_address then ["--ip", .endpoint.ipv4_address] else [] end)
        + [.network, .container] | .[]' <<<"$connect" >"$WORK/cli.$i"
    jq -c '{Container: .container, EndpointConfig: ({Aliases: .endpoint.aliases}
        + (if .endpoint.ipv4_address then {IPAMConfig: {IPv4Address: .endpoint.ipv4_address}} else {} end))}' \
        <<<"$connect" >"$WORK/body.$i"
    jq -r '"/networks/\(.network)/connect"' <<<"$connect" >"$WORK/url.$i"
done <"$WORK/connects"
COMMANDS=$i
if [ "$COMMANDS" -ne "$CHANGES" ]; then
    echo "the plan holds $CHANGES changes but $COMMANDS were translated" >&2
    exit 1
fi

run_cli() {
    for n in $(seq 1 "$COMMANDS"); do
        mapfile -t args <"$WORK/cli.$n"
        docker "${args[@]}" >/dev/null
    done
}

# The raw calls in one curl process (--next), so the baseline pays no process start per call;
# its arguments are built before any timing.
RAW_ARGS=()
for n in $(seq 1 "$COMMANDS"); do
    [ "$n" -gt 1 ] && RAW_ARGS+=(--next)
    RAW_ARGS+=(-sf -o /dev/null --unix-socket "$SOCKET" -X POST -H 'Content-Type: application/json'
        --data-binary "@$WORK/body.$n" "http://localhost/$API$(cat "$WORK/url.$n")")
done
run_raw() {
    curl "${RAW_ARGS[@]}"
}

run_netctl() {
    "$NETCTL" apply "${ARGS[@]}" -o json >"$WORK/apply.json"
}

# Times one contender from the start state, checks that it reached the planned state, and
# resets. The daemon finishes tearing down in the background: let it settle first.
measure() {
    local contender="$1" start end
    sleep 1
    start=$(now); "run_$contender"; end=$(now)
    "$NETCTL" plan "${ARGS[@]}" --detailed-exitcode >/dev/null \
        || { echo "$contender did not produce what netctl plans" >&2; exit 1; }
    times["$contender"]+=" $(ms "$start" "$end")"
}

declare -A times=([netctl]="" [cli]="" [raw]="")
plan_times=()
contenders=(netctl cli raw)
for round in $(seq 1 "$ROUNDS"); do
    # Rotate who goes first, so no contender always meets a freshly cleaned-up daemon.
    for k in 0 1 2; do
        contender="${contenders[$(( (round + k) % 3 ))]}"
        measure "$contender"
        if [ "$contender" = netctl ]; then
            CALLS="$(jq .api_calls "$WORK/apply.json")"
            for _ in 1 2 3; do
                start=$(now); "$NETCTL" plan "${ARGS[@]}" >/dev/null; end=$(now)
                plan_times+=("$(ms "$start" "$end")")
            done
            "$NETCTL" apply "${ARGS[@]}" -o json >"$WORK/noop.json"
            NOOP_CALLS="$(jq .api_calls "$WORK/noop.json")"
        fi
        reset
    done
done

NETCTL_MS="$(median ${times[netctl]})"
CLI_MS="$(median ${times[cli]})"
RAW_MS="$(median ${times[raw]})"
PLAN_MS="$(median "${plan_times[@]}")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "Versatile Hub from nothing: $CHANGES changes (3 networks, 20 connects), median of $ROUNDS rounds"
printf '  %-28s %6s ms\n' "netctl apply" "$NETCTL_MS" "docker CLI sequence" "$CLI_MS" \
    "raw API calls (one curl)" "$RAW_MS"
echo "  netctl / raw API: $(ratio "$NETCTL_MS" "$RAW_MS")   netctl / docker CLI: $(ratio "$NETCTL_MS" "$CLI_MS")"
echo "  netctl API calls: $CALLS for the apply ($CHANGES writes), $NOOP_CALLS for a no-change apply"
echo "No-change plan: median ${PLAN_MS} ms over $((ROUNDS * 3)) runs"

#!/usr/bin/env bash
# Makes sure a Docker daemon answers before the live tests run. The tests need the real daemon
# and fail without it; this only starts one when none answers (a machine whose daemon was not
# started, or was stopped), as root, and waits for it. An answering daemon is left as it is.
set -euo pipefail

if docker info >/dev/null 2>&1; then
    exit 0
fi
if [ -n "${DOCKER_HOST:-}" ]; then
    echo "ensure-docker: DOCKER_HOST=$DOCKER_HOST does not answer; start that daemon first" >&2
    exit 1
fi
command -v dockerd >/dev/null || { echo "ensure-docker: no daemon answers and dockerd is not installed" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "ensure-docker: no daemon answers; start it (needs root)" >&2; exit 1; }

echo "ensure-docker: no daemon answers; starting dockerd (log: /var/log/dockerd.log)" >&2
setsid nohup dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        exit 0
    fi
    sleep 1
done
echo "ensure-docker: dockerd did not answer within 60 s; see /var/log/dockerd.log" >&2
exit 1

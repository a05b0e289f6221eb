#!/usr/bin/env bash
# Makes sure a Docker engine answers (starting dockerd when installed but not running); images are built with it.
set -euo pipefail
docker info >/dev/null 2>&1 && exit 0
command -v dockerd >/dev/null || { echo "docker.io is not installed: run hack/prereqs.sh" >&2; exit 1; }
setsid nohup dockerd > "${TMPDIR:-/tmp}/alignment-dockerd.log" 2>&1 < /dev/null &
for _ in $(seq 60); do docker info >/dev/null 2>&1 && exit 0; sleep 1; done
echo "dockerd did not start; see ${TMPDIR:-/tmp}/alignment-dockerd.log" >&2
exit 1

#!/usr/bin/env bash
# Builds the pod sandbox ("pause") image from hack/pause/pause.c: one static binary, imported with docker.
# Prints the image name on its last line.
set -euo pipefail
source "$(dirname "$0")/versions.sh"
IMAGE=${PAUSE_IMAGE:-alignment.local/pause:1.0}

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
gcc -static -Os -o "$dir/pause" "$(dirname "$0")/pause/pause.c"
strip "$dir/pause"
tar -C "$dir" -cf "$dir/rootfs.tar" pause
docker import --change 'ENTRYPOINT ["/pause"]' "$dir/rootfs.tar" "$IMAGE" >/dev/null
echo "$IMAGE"

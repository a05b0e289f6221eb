#!/usr/bin/env bash
# Builds the trainer and operator images from their Dockerfiles on the local base image (hack/base-image.sh)
# and, when the local cluster runs, loads them into its containerd. Needs the jars: `make build` first.
# Prints the two image names.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
TAG=${IMAGE_TAG:-0.1.0}
BASE=${BASE_IMAGE:-$(hack/base-image.sh | tail -n 1)}

build() { # context, image
  local previous; previous=$(docker image inspect -f '{{.Id}}' "$2" 2>/dev/null || true)
  docker build -q --build-arg BASE_IMAGE="$BASE" -t "$2" "$1" >/dev/null
  # A rebuild leaves the previous image untagged; drop it so that repeated builds do not fill the disk.
  if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$2")" ]; then
    docker rmi "$previous" >/dev/null 2>&1 || true
  fi
}

build trainer-image "alignment-trainer:$TAG"
build operator "alignment-operator:$TAG"
if hack/cluster.sh status | grep -q '^containerd: running'; then
  hack/cluster.sh load-image "alignment-trainer:$TAG" "alignment-operator:$TAG"
fi
echo "alignment-trainer:$TAG"
echo "alignment-operator:$TAG"

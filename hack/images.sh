#!/usr/bin/env bash
# Builds the trainer and operator images from their Dockerfiles on the local base image (hack/base-image.sh)
# and, when the local cluster runs, loads them into its containerd. Needs the jars: `make build` first.
# Prints the two image names.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
TAG=${IMAGE_TAG:-0.1.0}
BASE=${BASE_IMAGE:-$(hack/base-image.sh | tail -n 1)}

docker build -q --build-arg BASE_IMAGE="$BASE" -t "alignment-trainer:$TAG" trainer-image >/dev/null
docker build -q --build-arg BASE_IMAGE="$BASE" -t "alignment-operator:$TAG" operator >/dev/null
if hack/cluster.sh status | grep -q '^containerd: running'; then
  hack/cluster.sh load-image "alignment-trainer:$TAG" "alignment-operator:$TAG"
fi
echo "alignment-trainer:$TAG"
echo "alignment-operator:$TAG"

#!/usr/bin/env bash
# Builds the TRL runtime image (trainer-image/trl/, docs/trl-runtime.md) and, when the local cluster runs, loads it
# into its containerd. Prints the image name on its last line.
#
# Offline and reproducible from caches under $ALIGNMENT_CACHE:
# - the base: Debian bookworm (debootstrap, minbase) with python3 (3.11) and python3-venv, imported with
#   `docker import` from a cached rootfs tarball, as hack/base-image.sh does for the JRE base. BASE_IMAGE overrides
#   it with any Debian/Ubuntu image whose python3 is 3.11.
# - the wheelhouse: every wheel of trainer-image/trl/requirements.lock for CPython 3.11 on manylinux x86_64, fetched
#   once from PyPI by the host's pip (the docker build reaches no index); the image installs exactly the lock from it.
# IMAGE_TAG (default 0.1.0) tags alignment-trainer-trl:<tag>.
# `hack/trl-image.sh wheelhouse [requirement...]` only fills the wheelhouse (plus the requirements named, e.g. pytest
# for trainer-image/trl/test.sh) and prints its directory.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
TAG=${IMAGE_TAG:-0.1.0}
IMAGE="alignment-trainer-trl:$TAG"
TRL=trainer-image/trl
WHEELS="$ALIGNMENT_CACHE/trl-wheelhouse"

python_base() { # prints the base image's name
  local image=alignment-base-python311:bookworm tarball="$ALIGNMENT_CACHE/images/base-python311-bookworm.tar"
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    if [ ! -f "$tarball" ]; then
      command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
      local rootfs; rootfs=$(mktemp -d)
      trap 'rm -rf "$rootfs"' EXIT
      echo ">> debootstrap bookworm with python3 (first time only, a few minutes)" >&2
      debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates,libgomp1 bookworm "$rootfs" \
        "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
      chroot "$rootfs" apt-get clean
      rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
      mkdir -p "$(dirname "$tarball")"
      tar -C "$rootfs" -cf "$tarball.tmp" .
      mv "$tarball.tmp" "$tarball"
    fi
    docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' "$tarball" "$image" >/dev/null
  fi
  echo "$image"
}

wheelhouse() { # fetches what the lock (and any requirement given) names and the wheelhouse lacks; pip skips the rest
  mkdir -p "$WHEELS"
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.11 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d "$WHEELS" -r "$TRL/requirements.lock" "$@" >&2
}

if [ "${1:-}" = wheelhouse ]; then
  shift
  wheelhouse "$@"
  echo "$WHEELS"
  exit 0
fi

hack/docker.sh
BASE=${BASE_IMAGE:-$(python_base)}
wheelhouse
# The build context: the package, the contract's schemas and the wheelhouse, hard-linked (no copy of the wheels).
context=$(mktemp -d "$ALIGNMENT_CACHE/trl-context.XXXXXX")
trap 'rm -rf "$context"' EXIT
cp -r "$TRL/Dockerfile" "$TRL/pyproject.toml" "$TRL/requirements.lock" "$TRL/src" "$context/"
mkdir -p "$context/schemas" "$context/wheels"
cp docs/contract/*.schema.json "$context/schemas/"
cp -l "$WHEELS"/*.whl "$context/wheels/" 2>/dev/null || cp "$WHEELS"/*.whl "$context/wheels/"
previous=$(docker image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
docker build -q --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" "$context" >/dev/null
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$IMAGE")" ]; then
  docker rmi "$previous" >/dev/null 2>&1 || true
fi
if hack/cluster.sh status 2>/dev/null | grep -q '^containerd: running'; then
  hack/cluster.sh load-image "$IMAGE" >&2
fi
echo "$IMAGE"

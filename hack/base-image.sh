#!/usr/bin/env bash
# Builds the local base image the Dockerfiles use where no container registry is reachable: Debian bookworm
# (debootstrap, minbase) with a headless JRE 17, imported with `docker import`. The rootfs tarball is cached in
# $ALIGNMENT_CACHE/images, so a rebuild of the image (e.g. after `docker system prune`) takes seconds.
# Prints the image name on its last line. Users with a registry pass an ordinary BASE_IMAGE instead.
set -euo pipefail
source "$(dirname "$0")/versions.sh"

IMAGE=${BASE_IMAGE_NAME:-alignment-base-jre17:bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
TARBALL="$ALIGNMENT_CACHE/images/base-jre17-bookworm.tar"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "$IMAGE"
  exit 0
fi
if [ ! -f "$TARBALL" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  echo ">> debootstrap bookworm with openjdk-17-jre-headless (first time only, a few minutes)" >&2
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" "$MIRROR" >&2
  chroot "$rootfs" apt-get clean
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  mkdir -p "$(dirname "$TARBALL")"
  tar -C "$rootfs" -cf "$TARBALL.tmp" .
  mv "$TARBALL.tmp" "$TARBALL"
fi
docker import \
  --change 'ENV LANG=C.UTF-8 JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  --change 'CMD ["/bin/bash"]' \
  "$TARBALL" "$IMAGE" >/dev/null
echo "$IMAGE"

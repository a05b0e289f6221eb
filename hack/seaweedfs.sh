#!/usr/bin/env bash
# A real S3-compatible server for the storage tests: SeaweedFS (Apache-2.0), run as a process on this machine.
#   hack/seaweedfs.sh weed     make sure `weed` is built; prints its path (what S3StorageIT calls)
#   hack/seaweedfs.sh up       start a single-process server (master, volume, filer, S3) on ALIGNMENT_S3_IP
#                              (default 127.0.0.1; the node's address for pods to reach it) with the
#                              credentials in ALIGNMENT_S3_ACCESS_KEY / ALIGNMENT_S3_SECRET_KEY (defaults: test
#                              values), wait until S3 answers; prints the endpoint URL on the last line. Ports:
#                              ALIGNMENT_S3_PORT, ALIGNMENT_SEAWEEDFS_{MASTER,VOLUME,FILER}_PORT (each uses port + 1
#                              for gRPC too). The filer's HTTP API (buckets are its /buckets/<name>) seeds and checks
#                              data in tests without going through S3.
#   hack/seaweedfs.sh stop     stop it (its data stays)
#   hack/seaweedfs.sh status   running or not, and the endpoint
#
# Where the binary comes from: Debian has no SeaweedFS package and MinIO is AGPL, so `weed` is built once from the Go
# module proxy, like hack/prometheus.sh builds Prometheus, and cached beside the Kubernetes binaries. SeaweedFS tags
# its releases without a `v` (not semver), so the module proxy knows its commits only as pseudo-versions: the one
# pinned here is a commit of the master branch, upstream's replace directives copied into the build module.
# State (data, S3 identities, log, pid) is in <cluster state>/seaweedfs.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
source hack/go-build.sh
STATE=${ALIGNMENT_CLUSTER_STATE:-$ALIGNMENT_CACHE/cluster}
DIR="$STATE/seaweedfs"
# Not 8333/9333/8080/8888 (SeaweedFS's defaults, and the critic's port): a system install keeps its ports.
S3_PORT=${ALIGNMENT_S3_PORT:-18333}
MASTER_PORT=${ALIGNMENT_SEAWEEDFS_MASTER_PORT:-19333}
VOLUME_PORT=${ALIGNMENT_SEAWEEDFS_VOLUME_PORT:-18080}
FILER_PORT=${ALIGNMENT_SEAWEEDFS_FILER_PORT:-18888}
ACCESS_KEY=${ALIGNMENT_S3_ACCESS_KEY:-alignment-test}
SECRET_KEY=${ALIGNMENT_S3_SECRET_KEY:-alignment-test-secret}
# The address it listens on and advertises: loopback, or the node's address for trainer pods to reach.
IP=${ALIGNMENT_S3_IP:-127.0.0.1}
URL="http://$IP:$S3_PORT"
SEAWEEDFS_MODULE_VERSION=${SEAWEEDFS_MODULE_VERSION:-v0.0.0-20261109003541-7506e5f91cd6}
WEED_BIN="$ALIGNMENT_CACHE/seaweedfs-$SEAWEEDFS_MODULE_VERSION/weed"

running() { [ -f "$DIR/weed.pid" ] && kill -0 "$(cat "$DIR/weed.pid")" 2>/dev/null; }

build_weed() {
  # Upstream's go.mod may ask for a newer Go than prereqs gives (Go then fetches that toolchain from the module proxy),
  # and its replace directives are copied into the build module.
  go_build_cached seaweedfs github.com/seaweedfs/seaweedfs "$SEAWEEDFS_MODULE_VERSION" \
    github.com/seaweedfs/seaweedfs/weed "$WEED_BIN"
}

write_identities() {
  # One identity with every action; with identities configured, anonymous requests are refused.
  umask 077
  cat > "$DIR/s3.json" <<JSON
{"identities": [{"name": "alignment", "credentials": [{"accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY"}],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
JSON
}

wait_ready() {
  for _ in $(seq 1 240); do
    # Any HTTP answer (an anonymous request is refused with 403) means the S3 gateway is up; 000 is no answer yet.
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/" 2>/dev/null || true)
    [ "$code" != 000 ] && [ -n "$code" ] && return
    running || { echo "weed exited; last lines of $DIR/weed.log:" >&2; tail -n 20 "$DIR/weed.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "seaweedfs not ready after 120s; see $DIR/weed.log" >&2
  exit 1
}

case "${1:-up}" in
  weed)
    build_weed
    echo "$WEED_BIN"
    ;;
  up)
    build_weed
    mkdir -p "$DIR/data"
    if ! running; then
      write_identities
      # gRPC ports are set, not derived (port + 10000), so any free ports will do; the Iceberg and Lance catalogs (fixed
      # ports) are off, and so is telemetry.
      setsid "$WEED_BIN" server -dir="$DIR/data" -ip="$IP" -ip.bind="$IP" \
        -master.port="$MASTER_PORT" -master.port.grpc="$((MASTER_PORT + 1))" -master.volumeSizeLimitMB=64 \
        -volume.port="$VOLUME_PORT" -volume.port.grpc="$((VOLUME_PORT + 1))" -volume.max=16 \
        -filer -filer.port="$FILER_PORT" -filer.port.grpc="$((FILER_PORT + 1))" \
        -s3 -s3.port="$S3_PORT" -s3.port.grpc="$((S3_PORT + 1))" -s3.config="$DIR/s3.json" \
        -s3.port.iceberg=0 -s3.port.lance=0 -master.telemetry=false \
        </dev/null >"$DIR/weed.log" 2>&1 &
      echo $! > "$DIR/weed.pid"
    fi
    wait_ready
    echo "$URL"
    ;;
  stop)
    if running; then
      pid=$(cat "$DIR/weed.pid")
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$DIR/weed.pid"
    ;;
  status)
    if running; then echo "seaweedfs: running (pid $(cat "$DIR/weed.pid")) $URL"; else echo "seaweedfs: stopped"; fi
    ;;
  *)
    echo "usage: $0 weed|up|stop|status" >&2
    exit 2
    ;;
esac

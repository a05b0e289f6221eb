#!/usr/bin/env bash
# Local Kubernetes for development and tests, from upstream binaries built by hack/build-k8s.sh.
#
#   hack/cluster.sh up --control-plane-only   etcd + kube-apiserver on loopback; prints the kubeconfig path last
#   hack/cluster.sh down                      stops everything `up` started and removes its state
#   hack/cluster.sh status                    says what is running
#
# State (certificates, etcd data, logs, pids, kubeconfig) lives in $ALIGNMENT_CACHE/cluster, outside the clone.
# The full single-node cluster (scheduler, controller manager, kubelet, containerd) is the end-to-end tier's.
set -euo pipefail
source "$(dirname "$0")/versions.sh"

STATE="$ALIGNMENT_CACHE/cluster"
PKI="$STATE/pki"
LOGS="$STATE/logs"
KUBECONFIG_FILE="$STATE/kubeconfig"
API_PORT=${ALIGNMENT_API_PORT:-6443}
ETCD_PORT=${ALIGNMENT_ETCD_PORT:-23790}
ETCD_PEER_PORT=$((ETCD_PORT + 10))

log() { echo ">> $*" >&2; }

running() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }

start() { # name, command...
  local name=$1; shift
  if running "$name"; then return; fi
  log "starting $name (log: $LOGS/$name.log)"
  setsid nohup "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/$name.pid"
}

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  log "$what did not come up in ${seconds}s; last log lines:"
  tail -n 20 "$LOGS"/*.log >&2 || true
  exit 1
}

certificate() { # name, subject, [subjectAltName]
  local name=$1 subject=$2 san=${3:-}
  [ -f "$PKI/$name.crt" ] && return
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -out "$PKI/$name.csr" -subj "$subject" 2>/dev/null
  local ext="$PKI/$name.ext"
  echo "basicConstraints=CA:FALSE" > "$ext"
  if [ -n "$san" ]; then echo "subjectAltName=$san" >> "$ext"; fi
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
}

pki() {
  mkdir -p "$PKI"
  if [ ! -f "$PKI/ca.crt" ]; then
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 365 \
      -subj "/CN=alignment-operator-local-ca" 2>/dev/null
  fi
  certificate apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  certificate admin "/O=system:masters/CN=kubernetes-admin"
  if [ ! -f "$PKI/sa.key" ]; then
    openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  fi
}

kubeconfig() {
  cat > "$KUBECONFIG_FILE" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: alignment-local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: admin
  user:
    client-certificate: $PKI/admin.crt
    client-key: $PKI/admin.key
contexts:
- name: alignment-local
  context: {cluster: alignment-local, user: admin, namespace: default}
current-context: alignment-local
KUBECONFIG
}

apiserver_ready() {
  curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "https://127.0.0.1:$API_PORT/readyz"
}

up() {
  local control_plane_only=false
  for arg in "$@"; do
    case "$arg" in
      --control-plane-only) control_plane_only=true ;;
      *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
  done
  if [ "$control_plane_only" != true ]; then
    echo "hack/cluster.sh up: only --control-plane-only is available so far (the node tier is not built yet)" >&2
    exit 2
  fi
  "$(dirname "$0")/build-k8s.sh" kube-apiserver kubectl etcd >/dev/null
  mkdir -p "$STATE" "$LOGS"
  pki
  kubeconfig
  start etcd "$K8S_BIN_DIR/etcd" --name local --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "" --log-level warn
  wait_for etcd 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"
  start kube-apiserver "$K8S_BIN_DIR/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --cert-dir "$STATE/apiserver-certs"
  wait_for kube-apiserver 90 apiserver_ready
  log "control plane ready: kubectl --kubeconfig $KUBECONFIG_FILE get --raw /readyz"
  echo "$KUBECONFIG_FILE"
}

down() {
  for name in kube-apiserver etcd; do
    if running "$name"; then
      local pid; pid=$(cat "$STATE/$name.pid")
      log "stopping $name ($pid)"
      kill "$pid"
      for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/$name.pid"
  done
  rm -rf "$STATE/etcd" "$STATE/apiserver-certs" "$KUBECONFIG_FILE"
  log "stopped; logs kept in $LOGS"
}

status() {
  for name in etcd kube-apiserver; do
    if running "$name"; then echo "$name: running (pid $(cat "$STATE/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up --control-plane-only | down | status" >&2; exit 2 ;;
esac

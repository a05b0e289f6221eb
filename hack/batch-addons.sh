#!/usr/bin/env bash
# Kueue and JobSet for the local cluster (gang admission of multi-pod stages), run as processes on this machine like
# the control plane:
#   hack/batch-addons.sh build [kueue|jobset]
#                                 make sure both controllers (or one) are built; prints their paths
#   hack/batch-addons.sh up       apply their CRDs and webhooks, start both (idempotent), wait until their webhooks
#                                 answer through the API server; prints the cluster's kubeconfig on the last line
#   hack/batch-addons.sh stop     remove their webhook configurations (so the cluster does not call a stopped
#                                 process), then stop both; their CRDs and objects stay
#   hack/batch-addons.sh status   running or not
#   hack/batch-addons.sh crd jobset   the path of upstream's JobSet CRD (module cache; downloaded if missing)
#
# Where the binaries come from: the Kueue manager (sigs.k8s.io/kueue/cmd/kueue) and the JobSet controller
# (sigs.k8s.io/jobset) are built once from the Go module proxy at the versions in hack/versions.sh and cached beside
# the Kubernetes binaries.
#
# How they are installed: from upstream's own kustomize components in the module (config/components/crd, webhook,
# internalcert), with upstream's namespaces and name prefixes, and each controller's internal certificate management
# on, as upstream's default install runs it: the controller makes its CA and serving certificate (for
# <prefix>webhook-service.<namespace>.svc), keeps them in its Secret and injects the CA into its webhook
# configurations (and Kueue's conversion webhooks in its CRDs). Only the Deployments are replaced: each controller is a
# process here; this script writes the Secret's keys into its certificate directory as a kubelet mounts the Secret for
# the upstream pod (Kueue's is in the state, JobSet's rotator has /tmp/k8s-webhook-server/serving-certs in its code);
# and its webhook Service has no selector but an EndpointSlice with the node's address, so the API server reaches it
# the way it reaches any webhook Service (its ClusterIP, through kube-proxy). (With internal certificates off, Kueue
# would read a metrics certificate from a fixed /etc/kueue path.) Of Kueue's webhooks only those
# for its own kinds, batch Jobs and JobSets are installed (the integrations enabled in its configuration), so that
# pods, Deployments and the like never wait on it. The admin kubeconfig stands in for their RBAC.
# Ports: ALIGNMENT_KUEUE_WEBHOOK_PORT (19443), ALIGNMENT_JOBSET_WEBHOOK_PORT (19444) on the node's address, and their
# health probes on loopback, ALIGNMENT_KUEUE_HEALTH_PORT (19481), ALIGNMENT_JOBSET_HEALTH_PORT (19482).
# State (configuration, manifests, logs, pids) is in <cluster state>/batch-addons.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
source hack/go-build.sh
STATE=${ALIGNMENT_CLUSTER_STATE:-$ALIGNMENT_CACHE/cluster}
DIR="$STATE/batch-addons"
KUBECONFIG_FILE="$STATE/kubeconfig"
KUEUE_WEBHOOK_PORT=${ALIGNMENT_KUEUE_WEBHOOK_PORT:-19443}
JOBSET_WEBHOOK_PORT=${ALIGNMENT_JOBSET_WEBHOOK_PORT:-19444}
KUEUE_HEALTH_PORT=${ALIGNMENT_KUEUE_HEALTH_PORT:-19481}
JOBSET_HEALTH_PORT=${ALIGNMENT_JOBSET_HEALTH_PORT:-19482}
KUEUE_BIN="$ALIGNMENT_CACHE/kueue-$KUEUE_VERSION/kueue"
JOBSET_BIN="$ALIGNMENT_CACHE/jobset-$JOBSET_VERSION/jobset"
# Where JobSet's certificate rotator waits for its certificate (a constant in its code; Kueue's is configurable).
JOBSET_CERT_DIR=/tmp/k8s-webhook-server/serving-certs
KUEUE_CERT_DIR="$DIR/kueue/certs"

log() { echo ">> $*" >&2; }
kubectl_() { "$K8S_BIN_DIR/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }
running() { [ -f "$DIR/$1.pid" ] && kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null; }

build() { # [kueue|jobset]: one of them, or both
  if [ "${1:-kueue}" = kueue ]; then
    go_build_cached kueue sigs.k8s.io/kueue "$KUEUE_VERSION" sigs.k8s.io/kueue/cmd/kueue "$KUEUE_BIN" \
      "-X sigs.k8s.io/kueue/pkg/version.GitVersion=$KUEUE_VERSION"
    echo "$KUEUE_BIN"
  fi
  if [ "${1:-jobset}" = jobset ]; then
    go_build_cached jobset sigs.k8s.io/jobset "$JOBSET_VERSION" sigs.k8s.io/jobset "$JOBSET_BIN" \
      "-X sigs.k8s.io/jobset/pkg/version.GitVersion=$JOBSET_VERSION"
    echo "$JOBSET_BIN"
  fi
}

manifests() { # name (kueue|jobset), module, version, node address, webhook port: the kustomization of its install
  local name=$1 module=$2 version=$3 ip=$4 port=$5 src out="$DIR/$1/manifests"
  mkdir -p "$out"
  # Kustomize takes bases by relative path only.
  src=$(realpath --relative-to="$out" "$(go_module_dir "$name" "$module" "$version")")
  cat > "$out/kustomization.yaml" <<YAML
# Written by hack/batch-addons.sh: upstream's components, with the controller outside the cluster.
namespace: $name-system
namePrefix: $name-
resources:
- $src/config/components/crd
- $src/config/components/webhook
- $src/config/components/internalcert
- node-endpoint.yaml
YAML
  # Named "system" like upstream's, so that the name prefix makes it <name>-system.
  cat > "$out/node-endpoint.yaml" <<YAML
apiVersion: v1
kind: Namespace
metadata: {name: system}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: webhook-service-node
  namespace: system
  labels: {kubernetes.io/service-name: $name-webhook-service}
addressType: IPv4
ports: [{port: $port}]
endpoints: [{addresses: ["$ip"]}]
YAML
}

# A kustomization's objects, with the webhook Service's selector removed (its endpoint is the node) and only the
# webhooks that are called for these API groups.
apply() { # directory, API groups (JSON array) whose webhooks are kept
  kubectl_ kustomize "$1" | kubectl_ create --dry-run=client -o json -f - |
    jq -s --argjson groups "$2" '{apiVersion: "v1", kind: "List", items: map(
      if .kind == "Service" then del(.spec.selector)
      elif (.kind | test("WebhookConfiguration$"))
      then .webhooks |= map(select(all(.rules[].apiGroups[]; IN($groups[]))))
      else . end)}' |
    kubectl_ apply --server-side --force-conflicts -f - >/dev/null
}

established() { # CRD...: wait until each is served (kubectl wait fails on a CRD that has no conditions yet)
  for crd in "$@"; do
    for _ in $(seq 120); do
      [ "$(kubectl_ get "$crd" -o jsonpath='{.status.conditions[?(@.type=="Established")].status}')" = True ] && continue 2
      sleep 0.5
    done
    log "$crd is not established after 60s: $(kubectl_ get "$crd" -o jsonpath='{.status.conditions}')"
    exit 1
  done
}

start() { # name, command...
  local name=$1; shift
  running "$name" && return
  log "starting $name (log: $DIR/$name.log)"
  KUBECONFIG="$KUBECONFIG_FILE" setsid nohup "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! > "$DIR/$name.pid"
}

# What a kubelet does for a pod that mounts the webhook certificate Secret: its keys as files in the controller's
# certificate directory, once the controller has filled it in. (Its rotator waits for them there.)
mount_secret() { # name (kueue|jobset), directory
  local data
  for _ in $(seq 240); do
    data=$(kubectl_ get secret -n "$1-system" "$1-webhook-server-cert" -o json 2>/dev/null |
      jq -ce '.data | select(.["ca.crt"] and .["tls.crt"] and .["tls.key"])') && break
    running "$1" || { log "$1 exited; last lines of $DIR/$1.log:"; tail -n 20 "$DIR/$1.log" >&2; exit 1; }
    sleep 0.5
  done
  [ -n "$data" ] || { log "$1 did not fill in its certificate Secret in 120s; see $DIR/$1.log"; exit 1; }
  mkdir -p "$2"
  # tls.crt last: the rotator takes the certificates as mounted once it sees that file, and the server then reads both.
  for key in ca.crt tls.key tls.crt; do
    (umask 077 && jq -r --arg key "$key" '.[$key]' <<<"$data" | base64 -d > "$2/$key.tmp") && mv "$2/$key.tmp" "$2/$key"
  done
}

# A server-side dry run passes the object through every webhook that applies to it, so it succeeds only once the
# controllers answer through their Services with certificates the API server trusts.
webhooks_answer() {
  kubectl_ create --dry-run=server -o name -f - >/dev/null 2>"$DIR/probe.err" <<YAML
apiVersion: jobset.x-k8s.io/v1alpha2
kind: JobSet
metadata: {name: webhook-probe, namespace: default, labels: {kueue.x-k8s.io/queue-name: webhook-probe}}
spec:
  replicatedJobs:
  - name: probe
    template:
      spec:
        template:
          spec:
            restartPolicy: Never
            containers: [{name: probe, image: probe}]
---
apiVersion: kueue.x-k8s.io/v1beta2
kind: ClusterQueue
metadata: {name: webhook-probe}
spec: {namespaceSelector: {}}
YAML
}

wait_ready() {
  for _ in $(seq 240); do
    webhooks_answer && return
    for name in jobset kueue; do
      running "$name" || { log "$name exited; last lines of $DIR/$name.log:"; tail -n 20 "$DIR/$name.log" >&2; exit 1; }
    done
    sleep 0.5
  done
  log "the webhooks of Kueue and JobSet did not answer in 120s: $(cat "$DIR/probe.err"); see $DIR/*.log"
  exit 1
}

up() {
  [ -f "$KUBECONFIG_FILE" ] || { echo "no kubeconfig at $KUBECONFIG_FILE: run hack/cluster.sh up first" >&2; exit 1; }
  local t=$SECONDS ip
  build >/dev/null
  log "controllers built (${KUEUE_VERSION} / ${JOBSET_VERSION}) in $((SECONDS - t))s"; t=$SECONDS
  mkdir -p "$DIR"
  ip=$(kubectl_ get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
  [ -n "$ip" ] || { echo "the cluster has no node with an InternalIP: run hack/cluster.sh up (not --control-plane-only)" >&2; exit 1; }
  # JobSet first: Kueue's JobSet integration starts once the JobSet CRD is there.
  manifests jobset sigs.k8s.io/jobset "$JOBSET_VERSION" "$ip" "$JOBSET_WEBHOOK_PORT"
  apply "$DIR/jobset/manifests" '["jobset.x-k8s.io", ""]'
  manifests kueue sigs.k8s.io/kueue "$KUEUE_VERSION" "$ip" "$KUEUE_WEBHOOK_PORT"
  apply "$DIR/kueue/manifests" '["kueue.x-k8s.io", "batch", "jobset.x-k8s.io"]'
  established crd/jobsets.jobset.x-k8s.io crd/workloads.kueue.x-k8s.io
  log "CRDs and webhook configurations applied in $((SECONDS - t))s"; t=$SECONDS

  cat > "$DIR/jobset/config.yaml" <<YAML
apiVersion: config.jobset.x-k8s.io/v1alpha1
kind: Configuration
leaderElection: {leaderElect: false}
internalCertManagement: {enable: true}
webhook: {host: "$ip", port: $JOBSET_WEBHOOK_PORT}
health: {healthProbeBindAddress: "127.0.0.1:$JOBSET_HEALTH_PORT"}
metrics: {bindAddress: "0"}
YAML
  # manageJobsWithoutQueueName false: only what carries kueue.x-k8s.io/queue-name waits for a quota; the operator's
  # other Jobs run as without Kueue. The visibility API (an aggregated API server) is off: nothing here uses it.
  cat > "$DIR/kueue/config.yaml" <<YAML
apiVersion: config.kueue.x-k8s.io/v1beta2
kind: Configuration
namespace: kueue-system
leaderElection: {leaderElect: false}
internalCertManagement: {enable: true}
webhook: {host: "$ip", port: $KUEUE_WEBHOOK_PORT, certDir: "$KUEUE_CERT_DIR"}
health: {healthProbeBindAddress: "127.0.0.1:$KUEUE_HEALTH_PORT"}
metrics: {bindAddress: "0"}
manageJobsWithoutQueueName: false
integrations:
  frameworks: [batch/job, jobset.x-k8s.io/jobset]
featureGates: {VisibilityOnDemand: false}
YAML
  # A stopped controller's certificate files may be another cluster's: each rotator takes files present as mounted.
  running jobset || rm -rf "$JOBSET_CERT_DIR"
  running kueue || rm -rf "$KUEUE_CERT_DIR"
  start jobset "$JOBSET_BIN" --config "$DIR/jobset/config.yaml"
  start kueue "$KUEUE_BIN" --config "$DIR/kueue/config.yaml"
  mount_secret jobset "$JOBSET_CERT_DIR"
  mount_secret kueue "$KUEUE_CERT_DIR"
  wait_ready
  log "Kueue and JobSet answer (started in $((SECONDS - t))s)"
  echo "$KUBECONFIG_FILE"
}

stop_process() {
  running "$1" || { rm -f "$DIR/$1.pid"; return; }
  local pid; pid=$(cat "$DIR/$1.pid")
  log "stopping $1 ($pid)"
  kill "$pid"
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$DIR/$1.pid"
}

stop() {
  if [ -f "$KUBECONFIG_FILE" ]; then
    for name in kueue jobset; do
      kubectl_ delete --ignore-not-found --request-timeout 10s \
        "mutatingwebhookconfiguration/$name-mutating-webhook-configuration" \
        "validatingwebhookconfiguration/$name-validating-webhook-configuration" >/dev/null 2>&1 || true
    done
  fi
  stop_process kueue
  stop_process jobset
}

case "${1:-up}" in
  build)
    case "${2:-}" in kueue|jobset|"") build "${2:-}" ;; *) echo "usage: $0 build [kueue|jobset]" >&2; exit 2 ;; esac ;;
  up) up ;;
  stop) stop ;;
  crd)
    # Upstream's JobSet CRD from the module cache (downloaded if missing): for tests on a bare API server.
    [ "${2:-}" = jobset ] || { echo "usage: $0 crd jobset" >&2; exit 2; }
    dir=$(cd / && GOTOOLCHAIN=auto GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/jobset@$JOBSET_VERSION" \
      | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    echo "$dir/config/components/crd/bases/jobset.x-k8s.io_jobsets.yaml" ;;
  status)
    for name in kueue jobset; do
      if running "$name"; then echo "$name: running (pid $(cat "$DIR/$name.pid"))"; else echo "$name: stopped"; fi
    done ;;
  *) echo "usage: $0 build|up|stop|status|crd jobset" >&2; exit 2 ;;
esac

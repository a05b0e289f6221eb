#!/usr/bin/env bash
# Local Kubernetes from upstream binaries (hack/build-k8s.sh) and Debian's containerd, runc and CNI plugins.
#
#   hack/cluster.sh up [--control-plane-only]   start (idempotent); prints the kubeconfig path on its last line
#   hack/cluster.sh down                        stop what this state started: its processes, mounts, network, state
#   hack/cluster.sh status                      what is running
#   hack/cluster.sh workspace <namespace>       create the alignment-workspace PVC (hostPath PV) in a namespace
#   hack/cluster.sh load-image <image>...       copy images from docker into the node's containerd
#
# --control-plane-only: etcd + kube-apiserver on loopback. Without it, a single-node cluster as Kubernetes' own
# local-up does it: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, CoreDNS (cluster DNS,
# so headless Services resolve), containerd and a kubelet with the CNI bridge plugin. The node advertises $ALIGNMENT_NODE_GPUS (default 4) nvidia.com/gpu as an
# extended resource, so GPU requests are scheduled and counted for real.
# State (PKI, etcd data, logs, pids, kubeconfigs, workspace data) lives in $ALIGNMENT_CACHE/cluster, or in
# $ALIGNMENT_CLUSTER_STATE with ALIGNMENT_API_PORT / ALIGNMENT_ETCD_PORT for a second, separate cluster.
# The node network (bridge, pod network namespaces, KUBE-/CNI- iptables chains) is host-wide, so one state at a time
# may own it: a full `up` claims it in $NODE_NETWORK_OWNER and records what it owns in its state, and `down` removes
# only what its own state recorded. A second cluster on the same host is a --control-plane-only one.
set -euo pipefail
HACK=$(cd "$(dirname "$0")" && pwd)
source "$HACK/versions.sh"

STATE=${ALIGNMENT_CLUSTER_STATE:-$ALIGNMENT_CACHE/cluster}
PKI="$STATE/pki"
LOGS="$STATE/logs"
KUBECONFIG_FILE="$STATE/kubeconfig"
RUN_DIR=/run/alignment-$(basename "$STATE")
CONTAINERD_SOCK="$RUN_DIR/containerd.sock"
API_PORT=${ALIGNMENT_API_PORT:-6443}
ETCD_PORT=${ALIGNMENT_ETCD_PORT:-23790}
ETCD_PEER_PORT=$((ETCD_PORT + 10))
DNS_READY_PORT=$((ETCD_PORT + 20))
NODE_NAME=${ALIGNMENT_NODE_NAME:-alignment-node}
NODE_GPUS=${ALIGNMENT_NODE_GPUS:-4}
POD_CIDR=${ALIGNMENT_POD_CIDR:-10.244.0.0/24}
SERVICE_CIDR=10.96.0.0/16
BRIDGE=alignment0
NODE_NETWORK="$STATE/node-network"        # written by a full up: the bridge and run directory it owns
CHAINS_BEFORE="$STATE/iptables-before"    # the KUBE-/CNI- chains that existed before this state's node started
NODE_NETWORK_OWNER=/run/alignment-node-network
COMPONENTS=(coredns kube-proxy kubelet kube-scheduler kube-controller-manager kube-apiserver etcd containerd)

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
  log "$what did not become ready in ${seconds}s; last log lines:"
  for f in "$LOGS"/*.log; do echo "--- $f" >&2; tail -n 8 "$f" >&2; done
  exit 1
}

host_ip() { # the address of the interface that carries the default route (pods reach the API server there)
  local dev
  dev=$(ip -4 route show default | awk '{for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit }}')
  ip -4 -o addr show ${dev:+dev "$dev"} scope global | awk '{split($4, a, "/"); print a[1]; exit}'
}

certificate() { # name, subject, [subjectAltName]
  local name=$1 subject=$2 san=${3:-}
  if [ -f "$PKI/$name.crt" ] && [ "$(cat "$PKI/$name.san" 2>/dev/null)" = "$san" ]; then return; fi
  openssl req -new -newkey rsa:2048 -nodes -keyout "$PKI/$name.key" -out "$PKI/$name.csr" -subj "$subject" 2>/dev/null
  { echo "basicConstraints=CA:FALSE"; [ -z "$san" ] || echo "subjectAltName=$san"; } > "$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -sha256 -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
  echo "$san" > "$PKI/$name.san"
}

pki() {
  local ip=$1
  mkdir -p "$PKI"
  if [ ! -f "$PKI/ca.crt" ]; then
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 365 \
      -subj "/CN=alignment-operator-local-ca" 2>/dev/null
  fi
  certificate apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:$ip,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  certificate admin "/O=system:masters/CN=kubernetes-admin"
  certificate controller-manager "/CN=system:kube-controller-manager"
  certificate scheduler "/CN=system:kube-scheduler"
  certificate proxy "/CN=system:kube-proxy"
  certificate coredns "/CN=system:coredns"
  certificate node "/O=system:nodes/CN=system:node:$NODE_NAME"
  certificate kubelet-serving "/CN=$NODE_NAME" "IP:$ip,IP:127.0.0.1,DNS:$NODE_NAME"
  if [ ! -f "$PKI/sa.key" ]; then
    openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  fi
}

kubeconfig() { # file, client certificate name
  cat > "$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: alignment-local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: $2
  user:
    client-certificate: $PKI/$2.crt
    client-key: $PKI/$2.key
contexts:
- name: alignment-local
  context: {cluster: alignment-local, user: $2, namespace: default}
current-context: alignment-local
KUBECONFIG
}

kubectl_() { "$K8S_BIN_DIR/kubectl" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

apiserver_ready() {
  curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "https://127.0.0.1:$API_PORT/readyz"
}

control_plane() {
  local ip=$1
  start etcd "$K8S_BIN_DIR/etcd" --name local --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "" --log-level warn
  wait_for etcd 30 curl -sf "http://127.0.0.1:$ETCD_PORT/health"
  start kube-apiserver "$K8S_BIN_DIR/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address "$2" --advertise-address "$ip" --secure-port "$API_PORT" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --kubelet-client-certificate "$PKI/admin.crt" --kubelet-client-key "$PKI/admin.key" \
    --kubelet-certificate-authority "$PKI/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --cert-dir "$STATE/apiserver-certs"
  wait_for kube-apiserver 90 apiserver_ready
}

restrict_oom_score_adj() {
  if (echo -1 > /proc/self/oom_score_adj) 2>/dev/null; then echo false; else echo true; fi
}

containerd_config() {
  mkdir -p "$STATE/containerd" "$STATE/cni/net.d" "$RUN_DIR"
  cat > "$STATE/containerd/config.toml" <<TOML
version = 2
root = "$STATE/containerd/root"
state = "$RUN_DIR/containerd-state"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$(cat "$STATE/pause-image")"
  # Some hosts (e.g. sandboxed VMs) refuse negative oom_score_adj even to root; the kubelet asks for -998 for
  # sandboxes. Clamping to containerd's own score is containerd's documented switch for such hosts.
  restrict_oom_score_adj = $(restrict_oom_score_adj)
  # Pod network namespaces under this containerd's state dir (not /run/netns, shared by the host), so that down
  # unmounts this cluster's and no other's.
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
      SystemdCgroup = false
      # runc's container state under $RUN_DIR too (its default, /run/containerd/runc, is the host's).
      Root = "$RUN_DIR/runc"
TOML
  # firewall: Docker sets the FORWARD policy to DROP, and with br_netfilter pod-to-pod traffic on the bridge
  # passes FORWARD; the plugin accepts each pod's traffic there.
  cat > "$STATE/cni/net.d/10-alignment.conflist" <<JSON
{
  "cniVersion": "0.4.0",
  "name": "alignment",
  "plugins": [
    {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": true, "hairpinMode": true,
     "ipam": {"type": "host-local", "subnet": "$POD_CIDR", "dataDir": "$STATE/cni/ipam",
              "routes": [{"dst": "0.0.0.0/0"}]}},
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "firewall"},
    {"type": "loopback"}
  ]
}
JSON
}

iptables_chains() { # "command table chain" for every KUBE-*/CNI-* chain on the host
  local cmd table
  for cmd in iptables ip6tables; do
    command -v "$cmd" >/dev/null || continue
    for table in filter nat mangle; do
      { "$cmd" -t "$table" -S 2>/dev/null || true; } |
        awk -v c="$cmd" -v t="$table" '/^-N (KUBE|CNI)-/ {print c, t, $2}'
    done
  done
}

claim_node_network() {
  local owner
  owner=$(cat "$NODE_NETWORK_OWNER" 2>/dev/null || true)
  if [ -n "$owner" ] && [ "$owner" != "$STATE" ]; then
    log "the node network (bridge $BRIDGE, pod network namespaces, KUBE-/CNI- chains) belongs to the cluster in"
    log "$owner; take that one down first, or start this one with --control-plane-only"
    log "(if that cluster is gone without its down, remove $NODE_NETWORK_OWNER)"
    exit 1
  fi
  if [ ! -f "$NODE_NETWORK" ]; then
    iptables_chains > "$CHAINS_BEFORE"
    printf 'BRIDGE=%s\nRUN_DIR=%s\n' "$BRIDGE" "$RUN_DIR" > "$NODE_NETWORK"
  fi
  echo "$STATE" > "$NODE_NETWORK_OWNER"
}

node_components() {
  local ip=$1
  for f in controller-manager scheduler proxy node coredns; do kubeconfig "$STATE/$f.kubeconfig" "$f"; done
  start kube-controller-manager "$K8S_BIN_DIR/kube-controller-manager" \
    --kubeconfig "$STATE/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$STATE/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$STATE/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --service-cluster-ip-range "$SERVICE_CIDR" --controllers '*,-nodeipam'
  start kube-scheduler "$K8S_BIN_DIR/kube-scheduler" \
    --kubeconfig "$STATE/scheduler.kubeconfig" \
    --authentication-kubeconfig "$STATE/scheduler.kubeconfig" \
    --authorization-kubeconfig "$STATE/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false

  sysctl -qw net.ipv4.ip_forward=1
  modprobe br_netfilter 2>/dev/null || true
  sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true
  containerd_config
  start containerd containerd --config "$STATE/containerd/config.toml"
  wait_for containerd 30 ctr --address "$CONTAINERD_SOCK" version
  load_image "$(cat "$STATE/pause-image")"

  cat > "$STATE/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
readOnlyPort: 0
clusterDomain: cluster.local
clusterDNS: [$ip]
resolvConf: /etc/resolv.conf
serializeImagePulls: false
imageGCHighThresholdPercent: 100
evictionHard: {memory.available: 100Mi, nodefs.available: 1%, imagefs.available: 1%}
YAML
  start kubelet "$K8S_BIN_DIR/kubelet" --config "$STATE/kubelet.yaml" \
    --kubeconfig "$STATE/node.kubeconfig" --hostname-override "$NODE_NAME" --node-ip "$ip" \
    --root-dir "$STATE/kubelet"
  cat > "$STATE/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $STATE/proxy.kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
conntrack: {maxPerCore: 0}
YAML
  start kube-proxy "$K8S_BIN_DIR/kube-proxy" --config "$STATE/kube-proxy.yaml"

  cluster_dns "$ip"

  wait_for "node $NODE_NAME" 120 node_ready
  if [ "$(kubectl_ get node "$NODE_NAME" -o jsonpath='{.status.capacity.nvidia\.com/gpu}')" != "$NODE_GPUS" ]; then
    kubectl_ patch node "$NODE_NAME" --subresource=status --type=json \
      -p "[{\"op\":\"add\",\"path\":\"/status/capacity/nvidia.com~1gpu\",\"value\":\"$NODE_GPUS\"}]" >/dev/null
  fi
  wait_for "default service account" 60 kubectl_ get serviceaccount default -n default
}

cluster_dns() { # ip: CoreDNS on the node's address, answering for Services and pods as in any cluster
  local ip=$1
  kubectl_ apply -f - >/dev/null <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:coredns"}
rules:
- {apiGroups: [""], resources: [services, namespaces], verbs: [list, watch]}
- {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:coredns"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:coredns"}
subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: "system:coredns"}]
YAML
  cat > "$STATE/Corefile" <<COREFILE
.:53 {
    bind $ip
    errors
    ready 127.0.0.1:$DNS_READY_PORT
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $STATE/coredns.kubeconfig alignment-local
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    forward . /etc/resolv.conf
    cache 30
}
COREFILE
  start coredns "$K8S_BIN_DIR/coredns" -conf "$STATE/Corefile"
  # Ready once its kubernetes plugin has synced Services and EndpointSlices from the API server.
  wait_for "cluster DNS" 60 curl -sf "http://127.0.0.1:$DNS_READY_PORT/ready"
}

node_ready() {
  [ "$(kubectl_ get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" = True ]
}

load_image() { # image: from docker into the cluster's containerd (a rebuilt image replaces the old one)
  docker save "$1" | ctr --address "$CONTAINERD_SOCK" -n k8s.io images import --no-unpack - >/dev/null
}

workspace() { # namespace: a hostPath PersistentVolume bound to that namespace's alignment-workspace claim
  local ns=$1 dir="$STATE/workspace"
  mkdir -p "$dir" && chmod 0777 "$dir"
  # Trainer pods run as uid 65532 and a hostPath volume ignores fsGroup: the namespace's root is theirs, also when an
  # earlier trainer (which ran as root) left it behind.
  mkdir -p "$dir/$ns" && chown 65532:65532 "$dir/$ns"
  kubectl_ apply -f - >/dev/null <<YAML
apiVersion: v1
kind: PersistentVolume
metadata: {name: alignment-workspace-$ns, labels: {app.kubernetes.io/part-of: alignment-operator}}
spec:
  capacity: {storage: 50Gi}
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: alignment-local
  claimRef: {namespace: $ns, name: alignment-workspace}
  hostPath: {path: $dir, type: Directory}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: alignment-workspace, namespace: $ns}
spec:
  accessModes: [ReadWriteMany]
  storageClassName: alignment-local
  volumeName: alignment-workspace-$ns
  resources: {requests: {storage: 50Gi}}
YAML
}

up() {
  local control_plane_only=false
  for arg in "$@"; do
    case "$arg" in
      --control-plane-only) control_plane_only=true ;;
      *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
  done
  mkdir -p "$STATE" "$LOGS"
  if [ "$control_plane_only" = true ]; then
    "$HACK/build-k8s.sh" kube-apiserver kubectl etcd >/dev/null
    pki 127.0.0.1
    kubeconfig "$KUBECONFIG_FILE" admin
    control_plane 127.0.0.1 127.0.0.1
  else
    "$HACK/build-k8s.sh" kube-apiserver kubectl etcd kube-controller-manager kube-scheduler kubelet kube-proxy coredns >/dev/null
    "$HACK/pause-image.sh" > "$STATE/pause-image.tmp" && tail -n 1 "$STATE/pause-image.tmp" > "$STATE/pause-image"
    local ip; ip=$(host_ip)
    pki "$ip"
    kubeconfig "$KUBECONFIG_FILE" admin
    claim_node_network
    control_plane "$ip" 0.0.0.0
    node_components "$ip"
    workspace default
  fi
  log "ready: kubectl --kubeconfig $KUBECONFIG_FILE get nodes"
  echo "$KUBECONFIG_FILE"
}

remove_chains() { # the KUBE-*/CNI-* chains that appeared since this state's up, and the rules that jump to them
  local cmd table ours
  for cmd in iptables ip6tables; do
    command -v "$cmd" >/dev/null || continue
    for table in filter nat mangle; do
      ours=$({ "$cmd" -t "$table" -S 2>/dev/null || true; } | awk -v c="$cmd" -v t="$table" -v before="$CHAINS_BEFORE" '
        BEGIN { while ((getline line < before) > 0) existed[line] = 1 }
        /^-N (KUBE|CNI)-/ && !((c " " t " " $2) in existed) {print $2}')
      [ -n "$ours" ] || continue
      { "$cmd" -t "$table" -S 2>/dev/null || true; } | awk -v ours="$ours" '
        BEGIN { n = split(ours, names, "\n"); for (i = 1; i <= n; i++) mine[names[i]] = 1 }
        /^-A / { for (i = 3; i < NF; i++) if (($i == "-j" || $i == "-g") && ($(i + 1) in mine)) { sub(/^-A/, "-D"); print; next } }' |
        while read -r rule; do eval "$cmd -t $table $rule" 2>/dev/null || true; done
      for chain in $ours; do "$cmd" -t "$table" -F "$chain" 2>/dev/null || true; done
      for chain in $ours; do "$cmd" -t "$table" -X "$chain" 2>/dev/null || true; done
    done
  done
}

stop_process() {
  local name=$1
  running "$name" || { rm -f "$STATE/$name.pid"; return; }
  local pid; pid=$(cat "$STATE/$name.pid")
  log "stopping $name ($pid)"
  kill "$pid"
  for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$STATE/$name.pid"
}

unmount_under() { # dir...: every mount below these directories, deepest first
  local dir
  for dir in "$@"; do awk -v d="$dir/" 'index($2, d) == 1 {print $2}' /proc/mounts; done | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

down() {
  # Kueue and JobSet (hack/batch-addons.sh), when they run against this cluster, go first.
  ALIGNMENT_CLUSTER_STATE="$STATE" "$HACK/batch-addons.sh" stop
  for name in "${COMPONENTS[@]}"; do stop_process "$name"; done
  if [ -f "$NODE_NETWORK" ]; then
    local BRIDGE RUN_DIR
    source "$NODE_NETWORK"
    local sock="$RUN_DIR/containerd.sock"
    # Pod processes outlive containerd in their shims. A shim's children are its containers' first processes, and
    # killing one ends its whole PID namespace; killing only the shim would leave them running, reparented to init.
    for shim in $(pgrep -f "containerd-shim-runc-v2 .*-address $sock( |$)" || true); do
      pkill -9 -P "$shim" 2>/dev/null || true
    done
    pkill -f "containerd-shim-runc-v2 .*-address $sock( |$)" 2>/dev/null || true
    for _ in $(seq 20); do pgrep -f "containerd-shim-runc-v2 .*-address $sock( |$)" >/dev/null || break; sleep 0.5; done
    pkill -9 -f "containerd-shim-runc-v2 .*-address $sock( |$)" 2>/dev/null || true
    # The pods' network namespaces are mounts under containerd's state in $RUN_DIR; their veths go with them.
    unmount_under "$STATE" "$RUN_DIR"
    ip link delete "$BRIDGE" 2>/dev/null || true
    remove_chains
    rm -rf "$RUN_DIR"
    # The shims' sockets live in containerd's default /run/containerd/s whatever the daemon's address; remove the
    # directories only if that left them empty.
    rmdir /run/containerd/s /run/containerd 2>/dev/null || true
    rm -f "$NODE_NETWORK" "$CHAINS_BEFORE"
    if [ "$(cat "$NODE_NETWORK_OWNER" 2>/dev/null || true)" = "$STATE" ]; then rm -f "$NODE_NETWORK_OWNER"; fi
  else
    unmount_under "$STATE"
  fi
  rm -rf "$STATE/etcd" "$STATE/apiserver-certs" "$STATE/kubelet" "$STATE/containerd/root" "$STATE/cni/ipam" \
    "$KUBECONFIG_FILE"
  log "stopped; logs kept in $LOGS, workspace data in $STATE/workspace"
}

status() {
  for name in "${COMPONENTS[@]}"; do
    if running "$name"; then echo "$name: running (pid $(cat "$STATE/$name.pid"))"; else echo "$name: stopped"; fi
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  load-image) shift; for image in "$@"; do load_image "$image"; done ;;
  workspace) [ -n "${2:-}" ] || { echo "usage: $0 workspace <namespace>" >&2; exit 2; }; workspace "$2" ;;
  *) echo "usage: $0 up [--control-plane-only] | down | status | workspace <namespace> | load-image <image>..." >&2
     exit 2 ;;
esac

#!/usr/bin/env bash
# A real Prometheus for the local cluster, run as a process on this machine (not as Debian's service):
#   hack/prometheus.sh up         (re)write its config, start it or reload it, wait until it is ready; prints its URL
#                                 on the last line. ALIGNMENT_PROMETHEUS_FRESH=1 starts with an empty TSDB.
#   hack/prometheus.sh stop       stop it (its data stays)
#   hack/prometheus.sh status     running or not, and the URL
#   hack/prometheus.sh promtool   make sure promtool is here; prints its path
# It discovers what to scrape through the cluster's API (kubernetes_sd_configs with the cluster's kubeconfig), the
# way an in-cluster Prometheus does: Services and pods annotated prometheus.io/scrape, /port, /path, so the operator
# through its metrics Service and every trainer pod while it runs (pod IPs, 10.244.0.0/24, are reachable from here).
# It evaluates the chart's alert rules (charts/alignment-operator/alerts/alignment-rules.yaml).
#
# Where the binaries come from: Debian's `prometheus` package provides promtool (rule checks and unit tests), but
# Debian builds its server without Kubernetes service discovery ("removed due to the amount of dependencies",
# NEWS.Debian), so the server is built once from the Go module proxy at the same version as Debian's package
# (2.42.0, module v0.42.0), with upstream's own replace directives, and cached like the Kubernetes binaries.
# State (config, TSDB, log, pid) is in <cluster state>/prometheus.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
source hack/go-build.sh
STATE=${ALIGNMENT_CLUSTER_STATE:-$ALIGNMENT_CACHE/cluster}
DIR="$STATE/prometheus"
KUBECONFIG_FILE=${ALIGNMENT_PROMETHEUS_KUBECONFIG:-$STATE/kubeconfig}
# Not 9090: a Prometheus installed as a system service elsewhere on the machine keeps its port.
PORT=${ALIGNMENT_PROMETHEUS_PORT:-19090}
# Short, so that stages of a few seconds are seen; a real cluster scrapes every 15-30 s.
INTERVAL=${ALIGNMENT_PROMETHEUS_SCRAPE_INTERVAL:-2s}
RULES="$PWD/charts/alignment-operator/alerts/alignment-rules.yaml"
URL="http://127.0.0.1:$PORT"
PROMETHEUS_MODULE_VERSION=${PROMETHEUS_MODULE_VERSION:-v0.42.0}
PROMETHEUS_BIN="$ALIGNMENT_CACHE/prometheus-$PROMETHEUS_MODULE_VERSION/prometheus"

running() { [ -f "$DIR/prometheus.pid" ] && kill -0 "$(cat "$DIR/prometheus.pid")" 2>/dev/null; }

install_promtool() {
  command -v promtool >/dev/null && return
  echo ">> installing prometheus (Debian package, for promtool)" >&2
  [ -n "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
}

build_prometheus() {
  # Upstream's replace (klog -> go-kit logging) and exclude directives are copied into the build module.
  go_build_cached prometheus github.com/prometheus/prometheus "$PROMETHEUS_MODULE_VERSION" \
    github.com/prometheus/prometheus/cmd/prometheus "$PROMETHEUS_BIN"
}

write_config() {
  # Discovery relabelling as in the common kubernetes-service-endpoints / kubernetes-pods jobs, with the job named as
  # the chart's ServiceMonitor (the Service's name) and PodMonitor (jobLabel app.kubernetes.io/name) name theirs, and
  # the trainer pods' alignment.dev/* labels kept as target labels. honor_labels on pods: the trainer's own
  # namespace/owner/stage labels are the ones the operator gave it, and stay unprefixed.
  cat > "$DIR/prometheus.yml.new" <<YAML
# Written by hack/prometheus.sh; rewritten on every 'up'.
global:
  scrape_interval: $INTERVAL
  scrape_timeout: $INTERVAL
  evaluation_interval: $INTERVAL
rule_files:
  - $RULES
scrape_configs:
  - job_name: kubernetes-service-endpoints
    # As the chart's ServiceMonitor: alignment_run_result's namespace is the run's, not the operator pod's.
    honor_labels: true
    kubernetes_sd_configs:
      - role: endpointslice
        kubeconfig_file: $KUBECONFIG_FILE
    relabel_configs:
      - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_scrape]
        regex: "true"
        action: keep
      - source_labels: [__meta_kubernetes_service_annotation_prometheus_io_path]
        regex: (.+)
        target_label: __metrics_path__
      - source_labels: [__address__, __meta_kubernetes_service_annotation_prometheus_io_port]
        regex: ([^:]+)(?::\\d+)?;(\\d+)
        replacement: \$1:\$2
        target_label: __address__
      - source_labels: [__meta_kubernetes_namespace]
        target_label: namespace
      - source_labels: [__meta_kubernetes_service_name]
        target_label: service
      - source_labels: [__meta_kubernetes_service_name]
        target_label: job
      - source_labels: [__meta_kubernetes_pod_name]
        target_label: pod
  - job_name: kubernetes-pods
    honor_labels: true
    kubernetes_sd_configs:
      - role: pod
        kubeconfig_file: $KUBECONFIG_FILE
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        regex: "true"
        action: keep
      - source_labels: [__meta_kubernetes_pod_phase]
        regex: Succeeded|Failed
        action: drop
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]
        regex: (.+)
        target_label: __metrics_path__
      - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
        regex: ([^:]+)(?::\\d+)?;(\\d+)
        replacement: \$1:\$2
        target_label: __address__
      - source_labels: [__meta_kubernetes_namespace]
        target_label: namespace
      - source_labels: [__meta_kubernetes_pod_name]
        target_label: pod
      - source_labels: [__meta_kubernetes_pod_container_name]
        target_label: container
      - source_labels: [__meta_kubernetes_pod_label_app_kubernetes_io_name]
        regex: (.+)
        target_label: job
      - source_labels: [__meta_kubernetes_pod_label_alignment_dev_owner]
        target_label: owner
      - source_labels: [__meta_kubernetes_pod_label_alignment_dev_owner_kind]
        target_label: owner_kind
      - source_labels: [__meta_kubernetes_pod_label_alignment_dev_attempt]
        target_label: attempt
      - source_labels: [__meta_kubernetes_pod_label_alignment_dev_role]
        target_label: role
YAML
  # (Debian's promtool cannot check it: it knows no kubernetes_sd_configs. The server checks it on start and reload.)
  mv "$DIR/prometheus.yml.new" "$DIR/prometheus.yml"
}

wait_ready() {
  for _ in $(seq 1 120); do
    curl -sf "$URL/-/ready" >/dev/null 2>&1 && return
    running || { echo "prometheus exited; last lines of $DIR/prometheus.log:" >&2; tail -n 20 "$DIR/prometheus.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "prometheus not ready after 60s; see $DIR/prometheus.log" >&2
  exit 1
}

case "${1:-up}" in
  up)
    install_promtool
    build_prometheus
    [ -f "$KUBECONFIG_FILE" ] || { echo "no kubeconfig at $KUBECONFIG_FILE: run hack/cluster.sh up first" >&2; exit 1; }
    mkdir -p "$DIR"
    write_config
    if running; then
      # Reload the config and the rules; a bad one is refused with the reason, and the old one stays.
      out=$(curl -s -w '\n%{http_code}' -X POST "$URL/-/reload")
      [ "$(tail -n 1 <<<"$out")" = 200 ] || { echo "prometheus refused the new config: $(head -n -1 <<<"$out")" >&2; exit 1; }
    else
      [ "${ALIGNMENT_PROMETHEUS_FRESH:-0}" = 1 ] && rm -rf "$DIR/data"
      setsid "$PROMETHEUS_BIN" \
        --config.file="$DIR/prometheus.yml" \
        --storage.tsdb.path="$DIR/data" \
        --storage.tsdb.retention.time=2d \
        --web.listen-address="127.0.0.1:$PORT" \
        --web.enable-lifecycle \
        </dev/null >"$DIR/prometheus.log" 2>&1 &
      echo $! > "$DIR/prometheus.pid"
    fi
    wait_ready
    echo "$URL"
    ;;
  stop)
    if running; then
      pid=$(cat "$DIR/prometheus.pid")
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$DIR/prometheus.pid"
    ;;
  promtool)
    install_promtool
    command -v promtool
    ;;
  status)
    if running; then echo "prometheus: running (pid $(cat "$DIR/prometheus.pid")) $URL"; else echo "prometheus: stopped"; fi
    ;;
  *)
    echo "usage: $0 up|stop|status|promtool" >&2
    exit 2
    ;;
esac

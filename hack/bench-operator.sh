#!/usr/bin/env bash
# Operator scale benchmark (issue 13; `make bench-operator`). Starts a bare control plane of its own (etcd +
# kube-apiserver, no scheduler or kubelet: Jobs are created, no pods run), the CRDs, and the operator jar with the
# chart's memory limit, JVM options and progress interval; then OperatorScaleBenchmark creates RUNS AlignmentRuns by
# server-side apply from PARALLEL threads, watches for each run's first Job, measures the idle operator for
# IDLE_SECONDS, and prints and writes its figures (JSON and markdown in RESULTS_DIR). Everything is stopped at the
# end, also on failure or interrupt.
#
# Needs the operator jar and the benchmark's classpath (make bench-operator builds both):
#   mvn -pl operator -am -DskipTests package \
#     org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
#     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
#
# Knobs (environment): RUNS (10000), PARALLEL (32), NAMESPACES (10), IDLE_SECONDS (60), TIMEOUT_SECONDS (1200, per
# wait), STALL_SECONDS (180: a wait also ends when nothing moved for that long), OPERATOR_JAR (operator/target/alignment-operator.jar), RESULTS_DIR (operator/target/bench-operator),
# BENCH_STATE ($ALIGNMENT_CACHE/bench-operator-cluster), BENCH_API_PORT (26443), BENCH_ETCD_PORT (43790),
# BENCH_METRICS_PORT (28080), BENCH_JAVA_OPTS (-Xmx1g, the client's JVM), MEMORY_LIMIT (the chart's
# resources.limits.memory, e.g. 512Mi; set it to try a different limit), OPERATOR_JAVA_OPTS (more options for the
# operator's JVM, e.g. -XX:StartFlightRecording=filename=/tmp/operator.jfr to profile it).
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh

export RUNS=${RUNS:-10000} PARALLEL=${PARALLEL:-32} NAMESPACES=${NAMESPACES:-10} IDLE_SECONDS=${IDLE_SECONDS:-60}
export TIMEOUT_SECONDS=${TIMEOUT_SECONDS:-1200}
export RESULTS_DIR=${RESULTS_DIR:-$PWD/operator/target/bench-operator}
OPERATOR_JAR=${OPERATOR_JAR:-operator/target/alignment-operator.jar}
export ALIGNMENT_CLUSTER_STATE=${BENCH_STATE:-$ALIGNMENT_CACHE/bench-operator-cluster}
export ALIGNMENT_API_PORT=${BENCH_API_PORT:-26443} ALIGNMENT_ETCD_PORT=${BENCH_ETCD_PORT:-43790}
METRICS_PORT=${BENCH_METRICS_PORT:-28080}
STATE=$ALIGNMENT_CLUSTER_STATE
KUBECTL="$K8S_BIN_DIR/kubectl"
VALUES=charts/alignment-operator/values.yaml
CLASSPATH_FILE=operator/target/bench.classpath
BUILD="mvn -pl operator -am -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath"
BUILD="$BUILD -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test"

fail() { echo "bench-operator: $*" >&2; exit 1; }

[ -f "$OPERATOR_JAR" ] || fail "$OPERATOR_JAR is missing; build it: $BUILD"
[ -f "$CLASSPATH_FILE" ] && [ -f operator/target/test-classes/dev/alignment/operator/bench/OperatorScaleBenchmark.class ] \
  || fail "the benchmark client is not built; run: $BUILD"
if hack/cluster.sh status | grep -q running; then
  fail "a control plane is already running in $STATE; stop it first: ALIGNMENT_CLUSTER_STATE=$STATE hack/cluster.sh down"
fi

# The chart's container: its memory limit, as the JVM sees it there (MaxRAM), and its JAVA_TOOL_OPTIONS. Below
# 1792 MiB the JVM in that container is not a "server class machine" and picks the Serial collector, so we do too.
limit=${MEMORY_LIMIT:-$(awk '/^resources:/ {r = 1} r && /^  limits:/ {l = 1} l && /memory:/ {print $2; exit}' "$VALUES")}
case "$limit" in
  *Mi) limit_bytes=$(( ${limit%Mi} * 1024 * 1024 )) ;;
  *Gi) limit_bytes=$(( ${limit%Gi} * 1024 * 1024 * 1024 )) ;;
  *) fail "memory limit '$limit' (MEMORY_LIMIT or resources.limits.memory in $VALUES) is not <n>Mi or <n>Gi" ;;
esac
java_opts=$(awk -F'"' '/^javaOpts:/ {print $2}' "$VALUES")
progress_interval=$(awk '/^progressIntervalSeconds:/ {print $2}' "$VALUES")
operator_jvm="-XX:MaxRAM=$limit_bytes -XX:+UseSerialGC"
GC_LOG="$STATE/logs/operator-gc.log"

operator_pid=""
bench_pid=""
cleanup() {
  for pid in "$bench_pid" "$operator_pid"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  hack/cluster.sh down 2>/dev/null || echo "bench-operator: cluster.sh down failed; state in $STATE" >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$STATE/etcd" # nothing left from an earlier run that was killed before its own down
export KUBECONFIG
KUBECONFIG=$(hack/cluster.sh up --control-plane-only | tail -n 1)
"$KUBECTL" apply --server-side -f charts/alignment-operator/crds/ >/dev/null
"$KUBECTL" wait --for condition=Established crd --all --timeout=60s >/dev/null

LOG="$STATE/logs/operator-bench.log"
echo ">> operator: $OPERATOR_JAR, JAVA_TOOL_OPTIONS=$java_opts $operator_jvm (memory limit $limit), log $LOG" >&2
JAVA_TOOL_OPTIONS="$java_opts" ALIGNMENT_METRICS_PORT=$METRICS_PORT \
  ALIGNMENT_PROGRESS_INTERVAL_SECONDS=$progress_interval \
  java $operator_jvm ${OPERATOR_JAVA_OPTS:-} "-Xlog:gc:file=$GC_LOG" -jar "$OPERATOR_JAR" > "$LOG" 2>&1 &
operator_pid=$!
for _ in $(seq 120); do curl -sf "localhost:$METRICS_PORT/readyz" >/dev/null && break; sleep 1; done
curl -sf "localhost:$METRICS_PORT/readyz" >/dev/null || { tail -n 30 "$LOG" >&2; fail "operator not ready on :$METRICS_PORT"; }

OPERATOR_PID=$operator_pid OPERATOR_METRICS="http://localhost:$METRICS_PORT/metrics" \
  APISERVER_PID=$(cat "$STATE/kube-apiserver.pid") ETCD_PID=$(cat "$STATE/etcd.pid") \
  MEMORY_LIMIT_BYTES=$limit_bytes \
  OPERATOR_DESCRIPTION="$OPERATOR_JAR, JAVA_TOOL_OPTIONS=$java_opts $operator_jvm, progressIntervalSeconds $progress_interval" \
  java ${BENCH_JAVA_OPTS:--Xmx1g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils=error \
  -cp "operator/target/test-classes:operator/target/classes:$(cat "$CLASSPATH_FILE")" dev.alignment.operator.bench.OperatorScaleBenchmark &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
echo ">> operator log $LOG: $(grep -c ' ERROR ' "$LOG" || true) ERROR and $(grep -c ' WARN ' "$LOG" || true) WARN lines;" \
  "GC log $GC_LOG: $(grep -c 'Pause Full' "$GC_LOG" || true) full collections" >&2
exit "$status"

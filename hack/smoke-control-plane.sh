#!/usr/bin/env bash
# The README's first steps, run for real: control plane up, CRDs, operator jar, quickstart applied, the run
# seen waiting for its dataset and the dataset's validation Job created; then down, with nothing left running.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
# A control plane of its own, so that the smoke test never touches a cluster the developer has running.
export ALIGNMENT_CLUSTER_STATE="$ALIGNMENT_CACHE/smoke-cluster" ALIGNMENT_API_PORT=16443 ALIGNMENT_ETCD_PORT=33790
KUBECTL="$K8S_BIN_DIR/kubectl"
PORT=${ALIGNMENT_SMOKE_PORT:-18080}
LOG="$ALIGNMENT_CLUSTER_STATE/logs/operator-smoke.log"
operator_pid=""

cleanup() {
  if [ -n "$operator_pid" ]; then kill "$operator_pid" 2>/dev/null || true; wait "$operator_pid" 2>/dev/null || true; fi
  hack/cluster.sh down
}
trap cleanup EXIT

fail() { echo "smoke: FAILED: $*" >&2; echo "--- operator log tail:" >&2; tail -n 30 "$LOG" >&2 || true; exit 1; }

export KUBECONFIG
KUBECONFIG=$(hack/cluster.sh up --control-plane-only | tail -n 1)
"$KUBECTL" apply -f charts/alignment-operator/crds/ >/dev/null
"$KUBECTL" wait --for condition=Established crd/alignmentruns.alignment.dev --timeout=30s >/dev/null

ALIGNMENT_METRICS_PORT=$PORT java -jar operator/target/alignment-operator.jar > "$LOG" 2>&1 &
operator_pid=$!
for _ in $(seq 60); do curl -sf "localhost:$PORT/readyz" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/readyz" >/dev/null || fail "operator not ready on :$PORT"

"$KUBECTL" apply -f examples/quickstart/ >/dev/null
"$KUBECTL" wait --for=jsonpath='{.status.phase}'=Pending arun/quickstart --timeout=60s >/dev/null \
  || fail "quickstart run never reported Pending"
reason=$("$KUBECTL" get arun quickstart -o jsonpath='{.status.conditions[?(@.type=="Progressing")].reason}')
[ "$reason" = WaitingForPreferenceDataset ] || fail "expected reason WaitingForPreferenceDataset, got '$reason'"
"$KUBECTL" wait --for=create job/sentiment-prefs-validate-1 --timeout=60s >/dev/null || fail "no validation Job"
"$KUBECTL" get aruns | grep -q '^quickstart ' || fail "kubectl get aruns does not list quickstart"
# Read whole before grep: grep -q stops at its match, and a scrape still streaming would then fail under pipefail.
metrics=$(curl -sf "localhost:$PORT/metrics") || fail "no metrics on :$PORT"
grep -q '^alignment_runs{algorithm="DPO",phase="Pending"} 1' <<<"$metrics" \
  || fail "metrics do not count the pending run"

cleanup
trap - EXIT
if hack/cluster.sh status | grep -q running; then fail "control plane still running after down"; fi
echo "smoke: 1 passed, 0 failed"

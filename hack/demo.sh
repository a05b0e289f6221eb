#!/usr/bin/env bash
# make demo: a single-node cluster on this machine, the images, the Helm chart, a Prometheus scraping the operator
# and the trainers, and the quickstart (dataset, reward model, SFT -> DPO -> eval) run for real, with live progress,
# the results, and a picture of the alignment dashboard drawn from Prometheus at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
KUBECTL="$K8S_BIN_DIR/kubectl"
# Each step has its own time limit in seconds, set by the variable beside it. The quickstart's counts from its
# kubectl apply, so slow builds on a fresh machine (1730 s on one) do not use up the time the run is given.
BUILD_TIMEOUT=${DEMO_BUILD_TIMEOUT_SECONDS:-5400}           # prerequisites, Kubernetes, etcd and helm from source
MAVEN_TIMEOUT=${DEMO_MAVEN_TIMEOUT_SECONDS:-1800}
CLUSTER_TIMEOUT=${DEMO_CLUSTER_TIMEOUT_SECONDS:-1800}       # first run: also builds the node binaries and CoreDNS
IMAGES_TIMEOUT=${DEMO_IMAGES_TIMEOUT_SECONDS:-1800}         # first run: debootstraps the base image
INSTALL_TIMEOUT=${DEMO_INSTALL_TIMEOUT_SECONDS:-600}
PROMETHEUS_TIMEOUT=${DEMO_PROMETHEUS_TIMEOUT_SECONDS:-1800} # first run: builds Prometheus
APPLY_TIMEOUT=${DEMO_APPLY_TIMEOUT_SECONDS:-300}
RUN_TIMEOUT=${DEMO_RUN_TIMEOUT_SECONDS:-1200}               # from the quickstart's kubectl apply to its last stage
DASHBOARD_TIMEOUT=${DEMO_DASHBOARD_TIMEOUT_SECONDS:-300}
DEMO_DIR="$ALIGNMENT_CACHE/demo"
mkdir -p "$DEMO_DIR"

started=$(date +%s)
step_name=""
step_started=$started
durations=()
step_pid=""
# A step runs in its own process group (see within); an interrupt stops it rather than waiting for it to finish.
trap 'if [ -n "$step_pid" ]; then kill -TERM "$step_pid" 2>/dev/null; fi; exit 130' INT TERM

end_step() {
  [ -n "$step_name" ] || return 0
  local took=$(( $(date +%s) - step_started ))
  printf '   (%ds)\n' "$took"
  durations+=("$(printf '%6ds  %s' "$took" "$step_name")")
  step_name=""
}

step() {
  end_step
  step_name=$*
  step_started=$(date +%s)
  printf '\n== %s\n' "$*"
}

within() { # seconds, command...: runs the command, and stops all of it (timeout's process group) after that long
  local seconds=$1 rc=0
  shift
  timeout "$seconds" "$@" &
  step_pid=$!
  wait "$step_pid" || rc=$?
  step_pid=""
  if [ "$rc" = 124 ]; then echo "step '$step_name' did not finish within ${seconds}s" >&2; fi
  return "$rc"
}

step "prerequisites and binaries (first run: builds Kubernetes, etcd and helm from source, ~15 min)"
within "$BUILD_TIMEOUT" bash -c 'hack/prereqs.sh && hack/build-k8s.sh kube-apiserver kubectl etcd kube-controller-manager kube-scheduler kubelet kube-proxy helm >/dev/null && hack/docker.sh'

step "build the operator and trainer"
within "$MAVEN_TIMEOUT" mvn -B -q --no-transfer-progress -DskipTests package

step "single-node cluster"
within "$CLUSTER_TIMEOUT" hack/cluster.sh up > "$DEMO_DIR/cluster.out"
export KUBECONFIG
KUBECONFIG=$(tail -n 1 "$DEMO_DIR/cluster.out")

step "images (local Debian base, trainer, operator) loaded into the node"
within "$IMAGES_TIMEOUT" hack/images.sh >/dev/null

step "helm install alignment-operator"
within "$INSTALL_TIMEOUT" hack/install.sh
within 60 "$KUBECTL" -n alignment-system get pods

step "prometheus (Kubernetes service discovery of the cluster: the operator's Service, the trainer pods)"
within "$PROMETHEUS_TIMEOUT" hack/prometheus.sh up > "$DEMO_DIR/prometheus.out"
PROMETHEUS_URL=$(tail -n 1 "$DEMO_DIR/prometheus.out")
echo "$PROMETHEUS_URL"

step "kubectl apply -f examples/quickstart/"
within "$APPLY_TIMEOUT" "$KUBECTL" delete -f examples/quickstart/ --ignore-not-found --wait >/dev/null
# Outputs are keyed by name and a re-created run resumes from its checkpoints; the demo should train from scratch.
rm -rf "$(dirname "$KUBECONFIG")/workspace/default/"{sentiment-prefs,sentiment-rm,quickstart}
within "$APPLY_TIMEOUT" "$KUBECTL" apply -f examples/quickstart/
applied=$(date +%s)

step "progress (up to ${RUN_TIMEOUT}s from the apply)"
last=""
while true; do
  now=$("$KUBECTL" get pds,rm,aruns --no-headers 2>/dev/null | awk '{$2=""; print}')
  if [ "$now" != "$last" ]; then "$KUBECTL" get pds,rm,aruns; echo; last=$now; fi
  phase=$("$KUBECTL" get arun quickstart -o jsonpath='{.status.phase}')
  [ "$phase" = Succeeded ] || [ "$phase" = Failed ] && break
  [ $(( $(date +%s) - applied )) -lt "$RUN_TIMEOUT" ] || {
    echo "the quickstart did not finish within ${RUN_TIMEOUT}s of its apply (set DEMO_RUN_TIMEOUT_SECONDS)" >&2; exit 1; }
  sleep 2
done
[ "$phase" = Succeeded ] || { "$KUBECTL" describe arun quickstart >&2; exit 1; }

step "results"
field() { "$KUBECTL" get "$1" -o jsonpath="{$2}"; }
printf '%-38s %s\n' \
  "reward model accuracy (held out)" "$(field rm/sentiment-rm .status.accuracy)" \
  "gold reward, SFT reference" "$(field arun/quickstart .status.results.referenceGoldReward)" \
  "gold reward, DPO policy" "$(field arun/quickstart .status.results.goldReward)" \
  "win rate vs reference (gold judge)" "$(field arun/quickstart .status.results.winRate)" \
  "KL(policy || reference), nats" "$(field arun/quickstart .status.results.kl)" \
  "ranking accuracy" "$(field arun/quickstart .status.results.rankingAccuracy)" \
  "idealized ranking accuracy" "$(field arun/quickstart .status.results.idealizedRankingAccuracy)" \
  "alignment gap" "$(field arun/quickstart .status.results.alignmentGap)"

step "dashboards, drawn from Prometheus (Grafana's layout and queries; no Grafana needed)"
within "$DASHBOARD_TIMEOUT" hack/plot-dashboard.py --prometheus "$PROMETHEUS_URL" --dashboard charts/alignment-operator/dashboards/alignment-run.json \
  --var namespace=default --var run=quickstart --var reward_model=sentiment-rm --start $((applied - 10)) \
  --out "$DEMO_DIR/alignment-dashboard.png"
within "$DASHBOARD_TIMEOUT" hack/plot-dashboard.py --prometheus "$PROMETHEUS_URL" --dashboard charts/alignment-operator/dashboards/alignment-operator.json \
  --var kind=.+ --start $((applied - 10)) --out "$DEMO_DIR/operator-dashboard.png"

end_step
printf '\nTime per step:\n'
printf '%s\n' "${durations[@]}"

cat <<MSG

Demo finished in $(( $(date +%s) - started ))s. Look around:
  export KUBECONFIG=$KUBECONFIG PATH=$K8S_BIN_DIR:\$PATH
  kubectl get pds,rm,aruns,jobs,pods
  kubectl describe arun quickstart
  kubectl logs job/quickstart-dpo-1
  kubectl -n alignment-system logs deploy/alignment-operator
  kubectl apply -f examples/quickstart/03-dpo-run.yaml   # edit algorithm/beta first for another run
Prometheus: $PROMETHEUS_URL (its alerts: $PROMETHEUS_URL/api/v1/alerts)
  curl -s '$PROMETHEUS_URL/api/v1/query?query=alignment_runs'
Dashboards (docs/dashboards.md): $DEMO_DIR/alignment-dashboard.png, $DEMO_DIR/operator-dashboard.png
Tear down:  hack/prometheus.sh stop; make down
MSG

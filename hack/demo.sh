#!/usr/bin/env bash
# make demo: a single-node cluster on this machine, the images, the Helm chart, a Prometheus scraping the operator
# and the trainers, and the quickstart (dataset, reward model, SFT -> DPO -> eval) run for real, with live progress,
# the results, and a picture of the alignment dashboard drawn from Prometheus at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
KUBECTL="$K8S_BIN_DIR/kubectl"
TIMEOUT=${DEMO_TIMEOUT_SECONDS:-1200}
started=$(date +%s)
step() { printf '\n== %s (%ds)\n' "$*" "$(( $(date +%s) - started ))"; }

step "prerequisites and binaries (first run: builds Kubernetes, etcd and helm from source, ~15 min)"
hack/prereqs.sh
hack/build-k8s.sh kube-apiserver kubectl etcd kube-controller-manager kube-scheduler kubelet kube-proxy helm >/dev/null
hack/docker.sh

step "build the operator and trainer"
mvn -B -q --no-transfer-progress -DskipTests package

step "single-node cluster"
export KUBECONFIG
KUBECONFIG=$(hack/cluster.sh up | tail -n 1)

step "images (local Debian base, trainer, operator) loaded into the node"
hack/images.sh >/dev/null

step "helm install alignment-operator"
hack/install.sh
"$KUBECTL" -n alignment-system get pods

step "prometheus (Kubernetes service discovery of the cluster: the operator's Service, the trainer pods)"
PROMETHEUS_URL=$(hack/prometheus.sh up | tail -n 1)
echo "$PROMETHEUS_URL"

step "kubectl apply -f examples/quickstart/"
applied=$(date +%s)
"$KUBECTL" delete -f examples/quickstart/ --ignore-not-found --wait >/dev/null
# Outputs are keyed by name and a re-created run resumes from its checkpoints; the demo should train from scratch.
rm -rf "$(dirname "$KUBECONFIG")/workspace/default/"{sentiment-prefs,sentiment-rm,quickstart}
"$KUBECTL" apply -f examples/quickstart/

step "progress"
last=""
while true; do
  now=$("$KUBECTL" get pds,rm,aruns --no-headers 2>/dev/null | awk '{$2=""; print}')
  if [ "$now" != "$last" ]; then "$KUBECTL" get pds,rm,aruns; echo; last=$now; fi
  phase=$("$KUBECTL" get arun quickstart -o jsonpath='{.status.phase}')
  [ "$phase" = Succeeded ] || [ "$phase" = Failed ] && break
  [ $(( $(date +%s) - started )) -lt "$TIMEOUT" ] || { echo "timed out after ${TIMEOUT}s" >&2; exit 1; }
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
DEMO_DIR="$ALIGNMENT_CACHE/demo"
mkdir -p "$DEMO_DIR"
hack/plot-dashboard.py --prometheus "$PROMETHEUS_URL" --dashboard charts/alignment-operator/dashboards/alignment-run.json \
  --var namespace=default --var run=quickstart --var reward_model=sentiment-rm --start $((applied - 10)) \
  --out "$DEMO_DIR/alignment-dashboard.png"
hack/plot-dashboard.py --prometheus "$PROMETHEUS_URL" --dashboard charts/alignment-operator/dashboards/alignment-operator.json \
  --var kind=.+ --start $((applied - 10)) --out "$DEMO_DIR/operator-dashboard.png"

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

#!/usr/bin/env bash
# Runs a study from examples/studies/<name>/ on the cluster at $KUBECONFIG (default: the local one) and prints its
# table: every cell of the sweep with its parameters, the accuracy of the reward model it used, and its results.
#   hack/study.sh accuracy-paradox            apply, wait (up to STUDY_TIMEOUT_SECONDS, default 3600), print
#   hack/study.sh accuracy-paradox --table    print the table of a study already run
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
name=${1:?usage: hack/study.sh <study> [--table]}
dir=examples/studies/$name
[ -d "$dir" ] || { echo "no study $dir" >&2; exit 2; }
export KUBECONFIG=${KUBECONFIG:-$HOME/.cache/alignment-operator/cluster/kubeconfig}
KUBECTL="$K8S_BIN_DIR/kubectl"
ns=study-$name
sweep=$(awk '/^kind: AlignmentSweep/{s=1} s && /^  name:/{print $2; exit}' "$dir"/*.yaml)

if [ "${2:-}" != --table ]; then
  "$KUBECTL" create namespace "$ns" --dry-run=client -o yaml | "$KUBECTL" apply -f - >/dev/null
  hack/cluster.sh workspace "$ns" >/dev/null
  "$KUBECTL" apply -n "$ns" -f "$dir/"
  started=$(date +%s)
  "$KUBECTL" wait -n "$ns" --for=condition=Progressing=false "asweep/$sweep" --timeout="${STUDY_TIMEOUT_SECONDS:-3600}s" >/dev/null
  echo "study $name finished in $(( $(date +%s) - started )) s"
fi
"$KUBECTL" get asweep "$sweep" -n "$ns"
python3 - "$("$KUBECTL" get asweep "$sweep" -n "$ns" -o json)" "$("$KUBECTL" get rm -n "$ns" -o json)" \
  "$("$KUBECTL" get arun -n "$ns" -o json)" <<'PY'
import json, sys
sweep, rms, runs = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
accuracy = {rm["metadata"]["name"]: rm.get("status", {}).get("accuracy") for rm in rms["items"]}
# The reward model a cell used, from its run's spec: the leaderboard's parameter values are cut for status size.
run_reward_model = {r["metadata"]["name"]: r["spec"].get("rewardModel") for r in runs["items"]}
board = sweep["status"]["leaderboard"]
keys = list(board[0]["parameters"].keys()) if board else []
fmt = lambda v: "" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)
head = ["rank"] + keys + ["RM accuracy", "win rate", "gold reward", "reference gold", "KL", "phase"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for e in sorted(board, key=lambda e: e["cell"]):
    params = e["parameters"]
    rm = run_reward_model.get(e.get("run"))
    r = e.get("results") or {}
    cells = [fmt(e.get("rank"))] + [params[k] for k in keys] + [fmt(accuracy.get(rm)), fmt(r.get("winRate")),
             fmt(r.get("goldReward")), fmt(r.get("referenceGoldReward")), fmt(r.get("kl")), e.get("phase", "")]
    print("| " + " | ".join(cells) + " |")
PY

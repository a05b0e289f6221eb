#!/usr/bin/env bash
# Installs (or upgrades) the chart into the cluster at $KUBECONFIG, with the locally built operator image.
# The image ID goes in as a pod annotation: a rebuilt image rolls the Deployment, an unchanged one does not.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/versions.sh
TAG=${IMAGE_TAG:-0.1.0}
hack/build-k8s.sh kubectl helm >/dev/null
# Helm installs crds/ only on first install and never upgrades them; apply them so an upgrade gets the current API.
"$K8S_BIN_DIR/kubectl" apply --server-side --force-conflicts -f charts/alignment-operator/crds/ >/dev/null
"$K8S_BIN_DIR/helm" upgrade --install alignment-operator charts/alignment-operator \
  --namespace alignment-system --create-namespace --wait --timeout 5m \
  --set image.tag="$TAG" --set trainer.image="alignment-trainer:$TAG" \
  --set-string "podAnnotations.alignment\.dev/image-id=$(docker image inspect -f '{{.Id}}' "alignment-operator:$TAG")" \
  "$@" >/dev/null

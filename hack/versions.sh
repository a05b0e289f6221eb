# Pinned versions and cache locations shared by the hack/ scripts. Sourced, not run.
K8S_VERSION=${K8S_VERSION:-v1.34.4}
ETCD_VERSION=${ETCD_VERSION:-v3.5.21}
HELM_VERSION=${HELM_VERSION:-v3.19.2}
COREDNS_VERSION=${COREDNS_VERSION:-v1.12.4}
ALIGNMENT_CACHE=${ALIGNMENT_CACHE:-$HOME/.cache/alignment-operator}
case "$(uname -m)" in x86_64) GOARCH_NAME=amd64 ;; aarch64) GOARCH_NAME=arm64 ;; *) GOARCH_NAME=$(uname -m) ;; esac
# The layout fabric8 kube-api-test expects (<dir>/k8s/<version>-<os>-<arch>/), so tests use these binaries offline.
K8S_BIN_DIR="$ALIGNMENT_CACHE/k8s/${K8S_VERSION#v}-linux-$GOARCH_NAME"
# Go for building the binaries: the one on PATH when new enough, else the toolchain hack/prereqs.sh fetched.
GO_VERSION=${GO_VERSION:-1.24.4}
if [ -x "$ALIGNMENT_CACHE/go-$GO_VERSION/bin/go" ]; then PATH="$ALIGNMENT_CACHE/go-$GO_VERSION/bin:$PATH"; fi
# Kueue and JobSet for gang admission on the local cluster (hack/batch-addons.sh builds them from the Go module proxy);
# JobSet at the version Kueue's go.mod requires, the API its JobSet integration is built against.
KUEUE_VERSION=${KUEUE_VERSION:-v0.17.0}
JOBSET_VERSION=${JOBSET_VERSION:-v0.11.1}

#!/usr/bin/env bash
# Builds pinned Kubernetes, etcd, CoreDNS and helm binaries from the Go module proxy into a cache outside the clone.
# Usage: hack/build-k8s.sh [component...]   (default: kube-apiserver kubectl etcd)
# Prints the binary directory on its last line. Skips every binary that is already cached.
set -euo pipefail
source "$(dirname "$0")/versions.sh"

components=("$@")
[ ${#components[@]} -gt 0 ] || components=(kube-apiserver kubectl etcd)

mkdir -p "$K8S_BIN_DIR"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0

missing=()
for c in "${components[@]}"; do
  [ -x "$K8S_BIN_DIR/$c" ] || missing+=("$c")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "$K8S_BIN_DIR"
  exit 0
fi

# A throwaway module that depends on k8s.io/kubernetes: its staging repos are required as v0.0.0 and
# replaced by relative paths upstream, so we pin each to the matching published v0.x release instead.
k8s_module() {
  local dir="$ALIGNMENT_CACHE/src/kubernetes-$K8S_VERSION"
  if [ ! -f "$dir/.ready" ]; then
    mkdir -p "$dir"
    local staging_version="v0.${K8S_VERSION#v1.}"
    local upstream_mod
    upstream_mod=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    {
      echo "module local/k8sbuild"
      echo "go 1.24.0"
      echo "require k8s.io/kubernetes $K8S_VERSION"
      grep -E '^\s+k8s\.io/[a-z-]+ v0\.0\.0$' "$upstream_mod" | awk -v v="$staging_version" '{print "replace " $1 " => " $1 " " v}'
    } > "$dir/go.mod"
    echo 'package main' > "$dir/tools.go"
    (cd "$dir" && go mod download k8s.io/kubernetes && go get "k8s.io/kubernetes@$K8S_VERSION" >&2)
    touch "$dir/.ready"
  fi
  echo "$dir"
}

# A throwaway module that requires one tool module at its pinned version, so `go build` can name its main package.
tool_module() { # name, module@version
  local dir="$ALIGNMENT_CACHE/src/$1"
  if [ ! -f "$dir/.ready" ]; then
    mkdir -p "$dir"
    printf 'module local/%sbuild\ngo 1.24.0\n' "$1" > "$dir/go.mod"
    echo 'package main' > "$dir/tools.go"
    (cd "$dir" && go get "$2" >&2)
    touch "$dir/.ready"
  fi
  echo "$dir"
}

version_flags() {
  local major=${K8S_VERSION#v}; major=${major%%.*}
  local minor=${K8S_VERSION#v*.}; minor=${minor%%.*}
  local f=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    f+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "-s -w$f"
}

for c in "${missing[@]}"; do
  echo ">> building $c (first time only, takes minutes)" >&2
  case "$c" in
    etcd)
      dir=$(tool_module "etcd-$ETCD_VERSION" "go.etcd.io/etcd/server/v3@$ETCD_VERSION")
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$K8S_BIN_DIR/etcd.tmp" go.etcd.io/etcd/server/v3) ;;
    coredns)
      dir=$(tool_module "coredns-$COREDNS_VERSION" "github.com/coredns/coredns@$COREDNS_VERSION")
      (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$K8S_BIN_DIR/coredns.tmp" github.com/coredns/coredns) ;;
    helm)
      dir=$(tool_module "helm-$HELM_VERSION" "helm.sh/helm/v3@$HELM_VERSION")
      (cd "$dir" && go build -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
        -o "$K8S_BIN_DIR/helm.tmp" helm.sh/helm/v3/cmd/helm) ;;
    kube-apiserver|kube-controller-manager|kube-scheduler|kubelet|kubectl|kube-proxy)
      dir=$(k8s_module)
      (cd "$dir" && go build -trimpath -ldflags "$(version_flags)" -o "$K8S_BIN_DIR/$c.tmp" "k8s.io/kubernetes/cmd/$c") ;;
    *) echo "unknown component: $c" >&2; exit 1 ;;
  esac
  mv "$K8S_BIN_DIR/$c.tmp" "$K8S_BIN_DIR/$c"
done
echo "$K8S_BIN_DIR"

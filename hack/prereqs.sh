#!/usr/bin/env bash
# Makes sure the tools the build needs are here, installing what is missing from the package registries:
# JDK 17, Maven, openssl, curl, the node tier's, monitoring's and GitOps tests' packages (Debian), Go >= 1.24 (the Go module proxy's toolchain module,
# unpacked into the cache; hack/versions.sh puts it on PATH).
set -euo pipefail
source "$(dirname "$0")/versions.sh"

apt_install() {
  echo ">> installing $* (Debian packages)" >&2
  [ -n "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven
command -v openssl >/dev/null || apt_install openssl
command -v curl >/dev/null || apt_install curl
# The single-node cluster and the images: Docker, containerd, runc, CNI plugins, debootstrap, iptables; jq for
# hack/batch-addons.sh.
missing=()
for pair in dockerd:docker.io containerd:containerd runc:runc debootstrap:debootstrap iptables:iptables \
    conntrack:conntrack gcc:gcc jq:jq; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
[ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
# Monitoring: promtool (Debian's prometheus package) for the alert rules' checks and unit tests, matplotlib for the
# demo's dashboard picture (hack/plot-dashboard.py). The Prometheus server itself hack/prometheus.sh builds (Debian's
# has no Kubernetes service discovery).
monitoring=()
command -v promtool >/dev/null || monitoring+=(prometheus)
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || monitoring+=(python3-matplotlib)
[ ${#monitoring[@]} -eq 0 ] || apt_install --no-install-recommends "${monitoring[@]}"
# GitOps: Lua 5.1 runs the Argo CD health checks in GitOpsIT (Argo CD runs them on gopher-lua, a Lua 5.1).
command -v lua5.1 >/dev/null || apt_install --no-install-recommends lua5.1

go_ok() {
  command -v go >/dev/null || return 1
  local v; v=$(go env GOVERSION 2>/dev/null | sed 's/^go//')
  [ "$(printf '%s\n1.24\n' "$v" | sort -V | head -n 1)" = 1.24 ]
}
if ! go_ok; then
  dir="$ALIGNMENT_CACHE/go-$GO_VERSION"
  if [ ! -x "$dir/bin/go" ]; then
    echo ">> fetching Go $GO_VERSION from the Go module proxy" >&2
    tmp=$(mktemp -d)
    curl -sfL -o "$tmp/go.zip" \
      "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go$GO_VERSION.linux-$GOARCH_NAME.zip"
    (cd "$tmp" && python3 -m zipfile -e go.zip .)
    mkdir -p "$dir" && cp -r "$tmp"/golang.org/toolchain@*/. "$dir/" && chmod +x "$dir"/bin/* "$dir"/pkg/tool/*/*
    rm -rf "$tmp"
  fi
fi

# Builds one Go main package from the Go module proxy into the cache, once. Sourced (after hack/versions.sh), not run.
#   go_build_cached <name> <module> <version> <package> <binary> [ldflags]
# <binary> is the cached path; nothing happens when it is already there. The module is required at its pinned version
# by a throwaway build module in $ALIGNMENT_CACHE/src/<name>-<version>, with upstream's replace and exclude directives
# copied in (they hold only in upstream's own main module). GOTOOLCHAIN=auto: when upstream's go.mod asks for a newer Go
# than the one on PATH (hack/versions.sh may put an older cached one first), Go fetches that toolchain from the module
# proxy.

go_build_cached() {
  local name=$1 module=$2 version=$3 package=$4 binary=$5 ldflags=${6:-}
  [ -x "$binary" ] && return
  command -v go >/dev/null || "$(dirname "${BASH_SOURCE[0]}")/prereqs.sh"
  source "$(dirname "${BASH_SOURCE[0]}")/versions.sh"   # Go from the cache when prereqs just fetched it
  echo ">> building $name $version from the Go module proxy (first time only, minutes)" >&2
  local src="$ALIGNMENT_CACHE/src/$name-$version" start=$SECONDS
  (
    export GOTOOLCHAIN=auto GOFLAGS=-mod=mod CGO_ENABLED=0
    if [ ! -f "$src/.ready" ]; then
      mkdir -p "$src"
      printf 'module local/%sbuild\ngo 1.24.0\n' "$name" > "$src/go.mod"
      echo 'package main' > "$src/tools.go"
      cd "$src"
      go get "$module@$version" >&2
      local upstream
      upstream=$(go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
      sed -n '/^replace (/,/^)/p; /^replace [^(]/p; /^exclude (/,/^)/p; /^exclude [^(]/p' "$upstream" >> go.mod
      touch .ready
    fi
    mkdir -p "$(dirname "$binary")"
    cd "$src"
    nice go build -trimpath -ldflags "-s -w $ldflags" -o "$binary.tmp" "$package"
  )
  mv "$binary.tmp" "$binary"
  echo ">> built $name in $((SECONDS - start))s: $binary" >&2
}

# The directory of a module's source in the module cache (after go_build_cached fetched it).
go_module_dir() { # name, module, version
  (cd "$ALIGNMENT_CACHE/src/$1-$3" && GOTOOLCHAIN=auto GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "$2")
}

#!/bin/sh
# The steps inside the Job that hack/model-to-workspace.sh renders (it embeds this file; run it from there, not by
# hand). POSIX sh with cp, mv, rm, find, grep, sed, tar, sha256sum and, for URLs, curl: Debian (the trainer image)
# or busybox/Alpine (curlimages/curl) alike.
#
#   prepare   MODELS NAME STAGING FORCE       refuse an existing MODELS/NAME unless FORCE is true; make MODELS/STAGING
#   fetch-dir SOURCE MODELS STAGING           copy the directory SOURCE (symlinks followed) into MODELS/STAGING
#   fetch-url MODELS STAGING (URL FILE SHA)...  download each URL as FILE (SHA: its sha256, or - for none); .tar, .tgz
#                                             and .tar.gz files are unpacked; a lone top directory is unwrapped
#   publish   MODELS NAME STAGING FORCE       check MODELS/STAGING is a Hugging Face model directory and rename it
#                                             to MODELS/NAME (same volume: the model appears whole or not at all)
#
# Exit 2: bad input (the target exists, the source is missing or not a model); 1: anything else.
set -eu

fail() { # exit code, message
  echo "error: $2" >&2
  exit "$1"
}

prepare() { # models, name, staging, force
  if ! mkdir -p "$1" 2>/dev/null || [ ! -w "$1" ]; then
    fail 1 "cannot write to $1: the workspace volume is not writable by uid $(id -u) (gid $(id -g))"
  fi
  if [ -e "$1/$2" ] && [ "$4" != true ]; then
    fail 2 "$1/$2 already exists; pass --force to replace it"
  fi
  # Partial copies of earlier runs that failed; a run in progress has its Job, which the client checks first.
  find "$1" -mindepth 1 -maxdepth 1 -name ".$2.partial-*" -exec rm -rf {} +
  mkdir "$1/$3"
}

discard_on_failure() { # dir: a failed step leaves no partial copy behind
  partial=$1
  trap discard EXIT
}

discard() {
  status=$?
  [ "$status" -eq 0 ] || rm -rf "$partial"
}

fetch_dir() { # source, models, staging
  discard_on_failure "$2/$3"
  [ -d "$1" ] || fail 2 "source directory $1 does not exist"
  cp -RL "$1/." "$2/$3/"
  echo "copied $(du -sh "$2/$3" | cut -f1) from $1"
}

curl_token_config() { # the Authorization header as a curl config on stdout, so the token is never an argument
  if [ -n "${MODEL_TOKEN:-}" ]; then printf 'header = "Authorization: Bearer %s"\n' "$MODEL_TOKEN"; fi
}

check_archive() { # archive, tar flags: refuse absolute names, .. and links before unpacking anything
  if tar -t"$2"f "$1" | grep -E '^/|(^|/)\.\.(/|$)' >/dev/null; then
    fail 2 "$(basename "$1") has entries with absolute paths or .. components"
  fi
  if tar -tv"$2"f "$1" | grep -E '^[lh]' >/dev/null; then
    fail 2 "$(basename "$1") has symbolic or hard links; a model directory needs none"
  fi
}

fetch_url() { # models, staging, then url file sha triples
  dir="$1/$2"
  discard_on_failure "$dir"
  shift 2
  while [ "$#" -ge 3 ]; do
    url=$1 file=$2 sha=$3
    shift 3
    echo "downloading $url"
    curl_token_config | curl --config - --fail --location --silent --show-error --retry 3 \
      --proto '=http,https' --proto-redir '=http,https' --output "$dir/$file" "$url" ||
      fail 1 "download of $url failed"
    if [ "$sha" != - ]; then
      actual=$(sha256sum "$dir/$file" | cut -d' ' -f1)
      [ "$actual" = "$sha" ] || fail 2 "$file: sha256 is $actual, expected $sha ($url)"
    fi
    case "$file" in
      *.tar.gz | *.tgz) flags=z ;;
      *.tar) flags= ;;
      *) continue ;;
    esac
    check_archive "$dir/$file" "$flags"
    tar -x"$flags"f "$dir/$file" -C "$dir"
    rm -f "$dir/$file"
  done
  [ "$#" -eq 0 ] || fail 1 "fetch-url takes url, file and sha256 triples"
  unwrap "$dir"
}

unwrap() { # dir: an archive holding one directory (model/config.json...) gives that directory's contents
  [ ! -e "$1/config.json" ] || return 0
  entries=$(find "$1" -mindepth 1 -maxdepth 1 | wc -l)
  inner=$(find "$1" -mindepth 1 -maxdepth 1 -type d)
  if [ "$entries" -eq 1 ] && [ -n "$inner" ]; then
    mv "$1" "$1.outer"
    mv "$1.outer/$(basename "$inner")" "$1"
    rmdir "$1.outer"
  fi
}

verify() { # dir: the files every Hugging Face model directory the trainer loads has
  missing=
  [ -s "$1/config.json" ] || missing="$missing config.json"
  [ -s "$1/tokenizer.json" ] || missing="$missing tokenizer.json"
  if [ -z "$(find "$1" -mindepth 1 -maxdepth 1 -type f -name '*.safetensors')" ]; then
    missing="$missing *.safetensors"
  fi
  if [ -f "$1/model.safetensors.index.json" ]; then
    # The weight map's values are the shard file names; its keys are tensor names, which never end so.
    for shard in $(grep -oE '"[^"/]+\.safetensors"' "$1/model.safetensors.index.json" | tr -d '"' | sort -u); do
      [ -s "$1/$shard" ] || missing="$missing $shard (named in model.safetensors.index.json)"
    done
  fi
  [ -z "$missing" ] || fail 2 "not a Hugging Face model directory: missing$missing"
  for optional in tokenizer_config.json generation_config.json; do
    [ -f "$1/$optional" ] || echo "warning: no $optional (special tokens and the chat template come from it)" >&2
  done
  # Symlinks were followed when copying; one left here can only come from the source and may point anywhere.
  [ -z "$(find "$1" -type l)" ] || fail 2 "the model directory holds symbolic links: $(find "$1" -type l | head -n 3)"
}

publish() { # models, name, staging, force
  discard_on_failure "$1/$3"
  verify "$1/$3"
  chmod -R u+rwX,go+rX "$1/$3"
  if [ -e "$1/$2" ]; then
    [ "$4" = true ] || fail 2 "$1/$2 appeared while copying; pass --force to replace it"
    old=".$2.old-${3##*.partial-}"
    mv "$1/$2" "$1/$old"
    mv "$1/$3" "$1/$2"
    rm -rf "${1:?}/$old"
  else
    mv "$1/$3" "$1/$2"
  fi
  echo "published $1/$2:"
  ls -l "$1/$2"
}

command=${1:-}
[ "$#" -gt 0 ] && shift
case "$command" in
  prepare) [ "$#" -eq 4 ] || fail 1 "prepare takes 4 arguments"; prepare "$@" ;;
  fetch-dir) [ "$#" -eq 3 ] || fail 1 "fetch-dir takes 3 arguments"; fetch_dir "$@" ;;
  fetch-url) [ "$#" -ge 5 ] || fail 1 "fetch-url takes at least 5 arguments"; fetch_url "$@" ;;
  publish) [ "$#" -eq 4 ] || fail 1 "publish takes 4 arguments"; publish "$@" ;;
  *) fail 1 "unknown step '$command' (prepare, fetch-dir, fetch-url, publish)" ;;
esac

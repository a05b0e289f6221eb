#!/usr/bin/env bash
# Remakes the Hugging Face test fixtures (trainer-image/src/test/resources/hf, described in its README.md): tiny random
# GPT-2/Llama/Qwen2 checkpoints, locally trained tokenizers and transformers' reference outputs. Runs on the CPU in a
# few seconds. Uses the virtual environment of trainer-image/parity/regenerate.sh under the cache (made here on first
# use; PyPI's torch wheel is the CUDA build, about 6 GB installed) with hack/hf-fixtures-requirements.txt on top.
# Deterministic: a second run writes byte-identical files. Commit the directory with the change that moved it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${ALIGNMENT_CACHE:-$HOME/.cache/alignment-operator}"
torch_version="${TORCH_VERSION:-2.7.1}"
venv="$cache/torch-$torch_version"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q -r "$here/hf-fixtures-requirements.txt"
"$venv/bin/python" "$here/hf-fixtures.py" "$@"

#!/usr/bin/env bash
# Runs the TRL runtime's Python unit tests (pytest) in the virtual environment $ALIGNMENT_CACHE/trl-venv, made on
# first use from the image's wheelhouse (hack/trl-image.sh wheelhouse), so it holds exactly the image's packages; the
# package itself is this checkout's src/, on PYTHONPATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${ALIGNMENT_CACHE:-$HOME/.cache/alignment-operator}/trl-venv
pytest=(pytest==8.4.2 iniconfig==2.3.1 pluggy==1.7.0 Pygments==2.21.0)
if [ ! -x "$venv/bin/pytest" ]; then
  wheels=$("$here/../../hack/trl-image.sh" wheelhouse "${pytest[@]}" | tail -n 1)
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --no-index -f "$wheels" --no-deps -r "$here/requirements.lock"
  "$venv/bin/pip" install -q --no-index -f "$wheels" --no-deps "${pytest[@]}"
fi
cd "$here"
# The package from this checkout, not installed: the environment is shared by every checkout on the machine.
PYTHONPATH="$here/src" "$venv/bin/python" -m pytest -q "$@"

#!/usr/bin/env bash
# Remakes the PyTorch parity fixture of PyTorchParityTest (trainer-image/src/test/resources/parity):
#   1. the trainer writes a small model's initial weights and each step's batch (ParityCase, inputs.safetensors);
#   2. reference.py trains the PyTorch twin (twin.py) from them with torch.optim.Adam after clip_grad_norm_ and writes
#      the losses, gradient norms and final parameters (sft-trajectory.safetensors).
# Needs torch at the version of the trainer's libtorch (DJL's pytorch-native-cpu), in a virtual environment under the
# cache (made here on first use: PyPI's torch wheel is the CUDA build, about 6 GB installed). Run it only when the
# model, the loss or the optimizer changes on purpose, and commit both files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
module="$(dirname "$here")"
cache="${ALIGNMENT_CACHE:-$HOME/.cache/alignment-operator}"
torch_version="${TORCH_VERSION:-2.7.1}"
venv="$cache/torch-$torch_version"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q "torch==$torch_version" numpy safetensors
fi
cd "$module/.."
mvn -B -q --no-transfer-progress -pl trainer-image test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
out="$module/src/test/resources/parity"
java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test.classpath")" \
  dev.alignment.trainer.stage.ParityCase "$out"
(cd "$here" && "$venv/bin/python" reference.py "$out")
echo "wrote $out (torch $torch_version); commit it with the change that moved it"

#!/usr/bin/env bash
# Trainer benchmark: training throughput beside a PyTorch-eager twin of the same model (tiny, small and GPT-2-small
# shaped, 124M), FLOP/s against measured sgemm, sampling throughput, peak memory and start-up time on this machine; the
# Hugging Face path on a GPT-2-small-shaped checkpoint (training, generation with and without the KV cache); then
# PPO rollout and update throughput, Colocated (one JVM) and Split (the critic in a second JVM, over HTTP).
# The benchmarks are test code (src/test/java: model/ModelBenchmark, hf/HfBenchmark, ppo/PpoBenchmark), run on the
# test classpath that make bench writes first: mvn -pl trainer-image -am -DskipTests package
# dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ ! -f "$here/target/bench.classpath" || ! -d "$here/target/test-classes" ]]; then
  echo "bench.sh: $here/target/bench.classpath or test-classes is missing; run make bench" >&2
  exit 1
fi
classpath="$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")"
steps="${BENCH_STEPS:-30}"
gpt2_steps="${BENCH_GPT2_STEPS:-3}"
repeats="${BENCH_REPEATS:-3}"
presets="${BENCH_PRESETS:-tiny small gpt2}"
torch_python="${BENCH_TORCH_PYTHON:-${ALIGNMENT_CACHE:-$HOME/.cache/alignment-operator}/torch-2.7.1/bin/python}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ {print $2}') memory"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -x "$torch_python" ]]; then
  echo "PyTorch twin: $("$torch_python" -c 'import torch; print("torch", torch.__version__)')"
else
  echo "PyTorch twin skipped: no torch at $torch_python (trainer-image/parity/regenerate.sh makes that environment)"
  torch_python=""
fi
# The trainer as its image runs it: PyTorch's allocations through tcmalloc where installed (bin/alignment-trainer).
malloc=""
for lib in /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4; do [[ -f "$lib" ]] && malloc="$lib" && break; done
echo "trainer allocator: ${malloc:-glibc (no libtcmalloc-minimal4 here: apt-get install libtcmalloc-minimal4)}"
thread_counts=$(printf '%s\n' 1 "$(nproc)" | sort -un)
# One benchmark JVM with $1 PyTorch threads; the rest is the main class and its arguments.
trainer_java() {
  local threads="$1"
  shift
  LD_PRELOAD="$malloc" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 -cp "$classpath" "$@"
}
# The trainer and its PyTorch-eager twin (parity/twin.py: the same model, loss, clipping and Adam) in turns, one
# process per run so each peak-memory figure is that run's own; 1 thread and one per core.
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for repeat in $(seq 1 "$repeats"); do
  for threads in $thread_counts; do
    for preset in $presets; do
      n=$steps; [[ "$preset" == gpt2 ]] && n=$gpt2_steps
      trainer_java "$threads" dev.alignment.trainer.model.ModelBenchmark "$preset" "$n" 2>/dev/null | tee -a "$results"
      if [[ -n "$torch_python" ]]; then
        (cd "$here/parity" && "$torch_python" bench_twin.py "$preset" "$n" "$threads") | tee -a "$results"
      fi
    done
  done
done
python3 "$here/parity/bench_report.py" < "$results"
# The Hugging Face path (issue 16): a GPT-2-small-shaped checkpoint (random weights) loaded by the hf package; training
# tokens/s and peak memory, greedy generation tokens/s with and without the KV cache (batches 1 and 4). BENCH_HF=0 skips.
if [[ "${BENCH_HF:-1}" != 0 ]]; then
  for threads in $thread_counts; do
    trainer_java "$threads" dev.alignment.trainer.hf.HfBenchmark "${BENCH_HF_STEPS:-3}" 2>/dev/null
  done
fi
ppo_iterations="${BENCH_PPO_ITERATIONS:-10}"
for threads in $thread_counts; do
  for preset in tiny small; do
    for topology in Colocated Split; do
      trainer_java "$threads" dev.alignment.trainer.ppo.PpoBenchmark "$preset" "$topology" "$ppo_iterations"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

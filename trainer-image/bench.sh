#!/usr/bin/env bash
# Trainer benchmark: training and sampling throughput and peak memory of the tiny and small models on this machine,
# then PPO rollout and update throughput, Colocated (one JVM) and Split (the critic in a second JVM, over HTTP).
# Needs the packaged trainer: mvn -pl trainer-image -am -DskipTests install (make bench does this first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/alignment-trainer.jar"
if [[ ! -f "$jar" ]]; then
  echo "bench.sh: $jar is missing; run: mvn -pl trainer-image -am -DskipTests install" >&2
  exit 1
fi
steps="${BENCH_STEPS:-30}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ {print $2}') memory"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# PyTorch threads: one, and one per core (DJL's default); on a busy machine the single thread often wins.
for threads in $(printf '%s\n' 1 "$(nproc)" | sort -un); do
  for preset in tiny small; do
    # One JVM per model, so each peak-memory figure is that model's own.
    java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$jar:$here/target/lib/*" dev.alignment.trainer.model.ModelBenchmark "$preset" "$steps"
  done
done
ppo_iterations="${BENCH_PPO_ITERATIONS:-10}"
for threads in $(printf '%s\n' 1 "$(nproc)" | sort -un); do
  for preset in tiny small; do
    for topology in Colocated Split; do
      java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
        -cp "$jar:$here/target/lib/*" dev.alignment.trainer.ppo.PpoBenchmark "$preset" "$topology" "$ppo_iterations"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

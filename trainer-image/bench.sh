#!/usr/bin/env bash
# Trainer benchmark: training and sampling throughput and peak memory of the tiny and small models on this machine.
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
for preset in tiny small; do
  # One JVM per model, so each peak-memory figure is that model's own.
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar:$here/target/lib/*" \
    dev.alignment.trainer.model.ModelBenchmark "$preset" "$steps"
done

package dev.alignment.operator.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The measured processes and the operator's request counters at one moment.
 *
 * @param nanos {@link System#nanoTime()} when taken (after /metrics answered)
 * @param operator the operator's /metrics, empty when it did not answer in time
 * @param scrapeSeconds how long /metrics took to answer (or to time out)
 * @param processes CPU and memory of the operator, kube-apiserver, etcd and this benchmark, by name
 * @param machine the machine's CPU ticks
 */
record Snapshot(long nanos, Optional<OperatorScrape> operator, double scrapeSeconds,
    Map<String, ProcessSample> processes, MachineCpu machine) {
  static final String OPERATOR = "operator";

  static Snapshot take(BenchSettings settings) {
    long asked = System.nanoTime();
    Optional<OperatorScrape> scrape = OperatorScrape.of(settings.operatorMetrics());
    long now = System.nanoTime();
    Map<String, ProcessSample> processes = new LinkedHashMap<>();
    processes.put(OPERATOR, ProcessSample.of(settings.operatorPid()));
    add(processes, "kube-apiserver", settings.apiserverPid());
    add(processes, "etcd", settings.etcdPid());
    processes.put("benchmark client", ProcessSample.of(ProcessHandle.current().pid()));
    return new Snapshot(now, scrape, (now - asked) / 1e9, processes, MachineCpu.now());
  }

  private static void add(Map<String, ProcessSample> processes, String name, OptionalLong pid) {
    pid.ifPresent(p -> processes.put(name, ProcessSample.of(p)));
  }

  double secondsSince(Snapshot earlier) {
    return (nanos - earlier.nanos) / 1e9;
  }

  /** CPU seconds each process used since {@code earlier}. */
  Map<String, Double> cpuSecondsSince(Snapshot earlier) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    processes.forEach((name, sample) -> cpu.put(name,
        (sample.cpu().toNanos() - earlier.processes.get(name).cpu().toNanos()) / 1e9));
    return cpu;
  }

  ProcessSample operatorProcess() {
    return processes.get(OPERATOR);
  }
}

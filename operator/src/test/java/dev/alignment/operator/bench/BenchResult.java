package dev.alignment.operator.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's figures, written as JSON and rendered as markdown.
 *
 * <p>Windows: the <b>burst</b> runs from the first create until every run's status has left Pending (the operator
 * has created its first Job and written the status) and the operator has sent no write for 5 s; <b>idle</b> is the
 * {@code IDLE_SECONDS} after that, with nothing changing in the cluster. {@code slowestMetricsSeconds}: the longest the operator's /metrics took to answer.
 */
record BenchResult(
    Setup setup,
    Creates creates,
    FirstJobs firstJobs,
    Window burst,
    Window idle,
    Memory memory,
    double slowestMetricsSeconds,
    Map<String, Long> runPhases) {

  /** What ran where. */
  record Setup(String machine, String loadBefore, String loadAfter, int runs, int namespaces, int parallel,
      String operator) {}

  /** The client's creates: time from the first sent to the last acknowledged, and refusals. */
  record Creates(double seconds, double perSecond, int refused, String firstRefusal) {}

  /**
   * @param runsWithJob runs whose first Job the watch saw
   * @param withinTarget of those, the runs whose Job was seen within 60 s of the last create (issue 13's target)
   * @param afterLastCreateSeconds from the last create's acknowledgement to the last run's first Job (negative: the
   *     operator had caught up before the client finished)
   * @param timedOut whether the wait gave up before every run had its Job
   * @param settled whether every run's status left Pending and the operator's writes stopped for 5 s before the
   *     idle window (else that window is not idle)
   */
  record FirstJobs(int runsWithJob, int withinTarget, double afterLastCreateSeconds, Latencies latency, boolean timedOut,
      boolean settled) {}

  /**
   * @param operatorRequests the operator's API requests in the window; NaN when its /metrics did not answer
   * @param operatorRequestsPerRun the same per run (burst) or per second (idle)
   * @param requestsByKind per run (burst) or per second (idle), by {@code "VERB resource"}, largest first
   * @param apiServerRequestsPerSecond {@code apiserver_request_total} over the window from every client (idle only)
   * @param cpuCores CPU used per process, in cores (CPU seconds over wall seconds)
   * @param machineBusy share of all the machine's cores busy
   */
  record Window(double seconds, double operatorRequests, double operatorRequestsPerRun,
      Map<String, Double> requestsByKind, Double apiServerRequestsPerSecond, Map<String, Double> cpuCores,
      Map<String, Double> cpuSeconds, double machineBusy) {

    static Window between(Snapshot from, Snapshot to, double divisor, Double apiServerRequestsPerSecond) {
      double seconds = to.secondsSince(from);
      Map<String, Double> cpu = to.cpuSecondsSince(from);
      Map<String, Double> cores = new LinkedHashMap<>();
      cpu.forEach((name, s) -> cores.put(name, s / seconds));
      Map<String, Double> byKind = new LinkedHashMap<>();
      double requests = Double.NaN;
      if (from.operator().isPresent() && to.operator().isPresent()) {
        to.operator().get().requestsSince(from.operator().get()).entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(e -> byKind.put(e.getKey(), e.getValue() / divisor));
        requests = to.operator().get().totalRequests() - from.operator().get().totalRequests();
      }
      return new Window(seconds, requests, requests / divisor, byKind, apiServerRequestsPerSecond, cores, cpu,
          to.machine().busySince(from.machine()));
    }
  }

  /** The operator's memory against the chart's limit. */
  record Memory(long limitBytes, long peakRssBytes, long rssAfterBurstBytes, long idleMinRssBytes,
      long idleMaxRssBytes, long steadyRssBytes, double heapUsedBytes) {}
}

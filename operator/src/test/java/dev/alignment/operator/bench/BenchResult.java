package dev.alignment.operator.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark's figures, written as JSON and rendered as markdown.
 *
 * <p>Windows: the <b>burst</b> runs from the first create until every run's status has left Pending (the operator
 * has created its first Job and written the status); <b>idle</b> is the {@code IDLE_SECONDS} after that, with
 * nothing changing in the cluster.
 */
record BenchResult(
    Setup setup,
    Creates creates,
    FirstJobs firstJobs,
    Window burst,
    Window idle,
    Memory memory,
    Map<String, Long> runPhases) {

  /** What ran where. */
  record Setup(String machine, String loadBefore, String loadAfter, int runs, int namespaces, int parallel,
      String operator) {}

  /** The client's creates: time from the first sent to the last acknowledged, and refusals. */
  record Creates(double seconds, double perSecond, int refused, String firstRefusal) {}

  /**
   * @param runsWithJob runs whose first Job the watch saw
   * @param afterLastCreateSeconds from the last create's acknowledgement to the last run's first Job (negative: the
   *     operator had caught up before the client finished)
   * @param timedOut whether the wait gave up before every run had its Job
   */
  record FirstJobs(int runsWithJob, double afterLastCreateSeconds, Latencies latency, boolean timedOut) {}

  /**
   * @param operatorRequests the operator's API requests in the window
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
      Map<String, Double> byKind = to.operator().requestsSince(from.operator()).entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / divisor, (a, b) -> a, LinkedHashMap::new));
      double requests = to.operator().totalRequests() - from.operator().totalRequests();
      return new Window(seconds, requests, requests / divisor, byKind, apiServerRequestsPerSecond, cores, cpu,
          to.machine().busySince(from.machine()));
    }
  }

  /** The operator's memory against the chart's limit. */
  record Memory(long limitBytes, long peakRssBytes, long rssAfterBurstBytes, long idleMinRssBytes,
      long idleMaxRssBytes, long steadyRssBytes, double heapUsedBytes) {}
}

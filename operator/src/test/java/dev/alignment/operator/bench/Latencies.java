package dev.alignment.operator.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * Per-run latency from its create being acknowledged to its first Job being seen: p50, p95 and max, in seconds.
 * A Job seen before its create's acknowledgement arrived counts as 0 ({@code seenBeforeAck} says how many).
 */
record Latencies(int runs, double p50Seconds, double p95Seconds, double maxSeconds, int seenBeforeAck) {

  static Latencies of(Map<String, Long> ackedNanos, Map<String, Long> firstJobNanos) {
    long[] nanos = ackedNanos.entrySet().stream()
        .filter(e -> firstJobNanos.containsKey(e.getKey()))
        .mapToLong(e -> firstJobNanos.get(e.getKey()) - e.getValue())
        .sorted().toArray();
    int early = (int) Arrays.stream(nanos).filter(n -> n < 0).count();
    return new Latencies(nanos.length, seconds(nanos, 0.50), seconds(nanos, 0.95), seconds(nanos, 1.0), early);
  }

  /** Nearest-rank percentile. */
  private static double seconds(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return Math.max(0, sorted[Math.max(rank, 1) - 1]) / 1e9;
  }
}

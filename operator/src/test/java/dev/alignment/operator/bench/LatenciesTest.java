package dev.alignment.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void nearestRankPercentilesOverRunsWithAJob() {
    Map<String, Long> acked = new HashMap<>();
    Map<String, Long> seen = new HashMap<>();
    for (int i = 1; i <= 20; i++) {
      acked.put("ns/run-" + i, 0L);
      seen.put("ns/run-" + i, i * SECOND);
    }
    acked.put("ns/no-job", 0L);

    Latencies latencies = Latencies.of(acked, seen);

    assertThat(latencies.runs()).isEqualTo(20);
    assertThat(latencies.p50Seconds()).isEqualTo(10.0);
    assertThat(latencies.p95Seconds()).isEqualTo(19.0);
    assertThat(latencies.maxSeconds()).isEqualTo(20.0);
    assertThat(latencies.seenBeforeAck()).isZero();
  }

  @Test
  void aJobSeenBeforeItsCreateWasAcknowledgedCountsAsZero() {
    Latencies latencies = Latencies.of(Map.of("ns/a", 5 * SECOND, "ns/b", 0L), Map.of("ns/a", 4 * SECOND, "ns/b", SECOND));

    assertThat(latencies.seenBeforeAck()).isEqualTo(1);
    assertThat(latencies.p50Seconds()).isZero();
    assertThat(latencies.maxSeconds()).isEqualTo(1.0);
  }
}

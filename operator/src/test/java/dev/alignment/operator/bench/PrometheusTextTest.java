package dev.alignment.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static final String TEXT = """
      # HELP kubernetes_client_requests_total Requests the operator sent
      # TYPE kubernetes_client_requests_total counter
      kubernetes_client_requests_total{code="200",resource="pods",verb="GET"} 12755.0
      kubernetes_client_requests_total{code="error",resource="pods",verb="GET"} 12.0
      kubernetes_client_requests_total{code="201",resource="jobs",verb="POST"} 9878.0
      kubernetes_client_requests_total_created{code="201",resource="jobs",verb="POST"} 1.7e9
      apiserver_request_total{code="200",path="/a\\"b",verb="LIST"} 3 1700000000000
      process_open_fds 42
      """;

  @Test
  void keysEachSampleByItsLabelsAndLeavesOtherMetricsOut() {
    Map<Map<String, String>, Double> samples = PrometheusText.samples(TEXT, "kubernetes_client_requests_total");

    assertThat(samples).hasSize(3)
        .containsEntry(Map.of("code", "error", "resource", "pods", "verb", "GET"), 12.0)
        .containsEntry(Map.of("code", "201", "resource", "jobs", "verb", "POST"), 9878.0);
  }

  @Test
  void readsEscapedLabelValuesTimestampsAndUnlabelledSamples() {
    assertThat(PrometheusText.samples(TEXT, "apiserver_request_total"))
        .containsExactly(Map.entry(Map.of("code", "200", "path", "/a\\\"b", "verb", "LIST"), 3.0));
    assertThat(PrometheusText.total(TEXT, "process_open_fds")).isEqualTo(42.0);
    assertThat(PrometheusText.total(TEXT, "kubernetes_client_requests_total")).isEqualTo(12755.0 + 12.0 + 9878.0);
  }
}

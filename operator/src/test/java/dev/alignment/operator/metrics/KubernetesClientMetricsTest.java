package dev.alignment.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesClientMetricsTest {
  @Test
  void pathsNameTheirResourceAndSubresource() {
    assertThat(KubernetesClientMetrics.resource("/api/v1/namespaces/team-a/pods")).isEqualTo("pods");
    assertThat(KubernetesClientMetrics.resource("/api/v1/namespaces/team-a/pods/p-1/log")).isEqualTo("pods/log");
    assertThat(KubernetesClientMetrics.resource("/apis/batch/v1/namespaces/team-a/jobs/run-sft-1")).isEqualTo("jobs");
    assertThat(KubernetesClientMetrics.resource("/apis/alignment.dev/v1alpha1/namespaces/a/alignmentruns/q/status"))
        .isEqualTo("alignmentruns/status");
    assertThat(KubernetesClientMetrics.resource("/apis/alignment.dev/v1alpha1/alignmentruns")).isEqualTo("alignmentruns");
    assertThat(KubernetesClientMetrics.resource("/api/v1/namespaces")).isEqualTo("namespaces");
    assertThat(KubernetesClientMetrics.resource("/api/v1/namespaces/team-a")).isEqualTo("namespaces");
    assertThat(KubernetesClientMetrics.resource("/apis")).isEqualTo("other");
    assertThat(KubernetesClientMetrics.resource("/version")).isEqualTo("other");
  }
}

package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * /readyz against informers that break under a running operator: deleting a CRD stops its informer's watch, and
 * readiness turns 503 naming that event source until the CRD is back.
 */
class ReadinessIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String CRD = "rewardmodels.alignment.dev";

  private final ControlPlane plane = ControlPlane.get();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readinessNamesTheEventSourceOfADeletedCrd() throws Exception {
    try (AlignmentOperator operator = plane.startOperator()) {
      await().atMost(TIMEOUT).until(() -> readyz(operator).statusCode() == 200);
      Resource<CustomResourceDefinition> crd = plane.client.apiextensions().v1().customResourceDefinitions()
          .withName(CRD);
      CustomResourceDefinition saved = crd.get();

      crd.delete();
      try {
        HttpResponse<String> notReady = await().atMost(TIMEOUT).until(() -> readyz(operator),
            r -> r.statusCode() == 503);
        assertThat(notReady.body()).startsWith("not ready: controller ")
            .contains("RewardModel event source (informer for all namespaces: running=true synced=true watching=false)")
            .doesNotContain("PreferenceDataset event source");
      } finally {
        recreate(crd, saved);
      }
      await().atMost(TIMEOUT).until(() -> readyz(operator).statusCode() == 200);
    }
  }

  private static void recreate(Resource<CustomResourceDefinition> crd, CustomResourceDefinition saved) {
    await().atMost(TIMEOUT).until(() -> crd.get() == null);
    crd.create(new CustomResourceDefinitionBuilder().withNewMetadata().withName(CRD)
        .withLabels(saved.getMetadata().getLabels()).withAnnotations(saved.getMetadata().getAnnotations())
        .endMetadata().withSpec(saved.getSpec()).build());
    await().atMost(TIMEOUT).until(() -> crd.get().getStatus() != null && crd.get().getStatus().getConditions()
        .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  private HttpResponse<String> readyz(AlignmentOperator operator) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + operator.metricsPort() + "/readyz"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}

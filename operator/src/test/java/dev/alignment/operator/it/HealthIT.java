package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.operator.AlignmentOperator;
import dev.alignment.operator.Main;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator reports when an informer cannot run, here because its CRD was deleted: a running operator's
 * /readyz turns 503 naming that informer until the CRD is back, and the jar's entry point exits (so that Kubernetes
 * restarts the pod) rather than staying up, live and reconciling nothing, when an informer cannot sync at start.
 */
class HealthIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ControlPlane plane = ControlPlane.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private Resource<CustomResourceDefinition> crd;
  private CustomResourceDefinition saved;

  /**
   * Each test deletes a CRD of its own: the API server has been seen to take minutes to delete a CRD re-created
   * moments before.
   */
  private void deleteCrd(String name) {
    crd = plane.client.apiextensions().v1().customResourceDefinitions().withName(name);
    saved = crd.get();
    crd.delete();
  }

  @AfterEach
  void restoreCrd() {
    if (saved == null || crd.get() != null && crd.get().getMetadata().getDeletionTimestamp() == null) {
      return;
    }
    await().atMost(TIMEOUT).until(() -> crd.get() == null);
    crd.create(new CustomResourceDefinitionBuilder().withNewMetadata().withName(saved.getMetadata().getName())
        .withLabels(saved.getMetadata().getLabels()).withAnnotations(saved.getMetadata().getAnnotations())
        .endMetadata().withSpec(saved.getSpec()).build());
    await().atMost(TIMEOUT).until(() -> crd.get().getStatus() != null && crd.get().getStatus().getConditions()
        .stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  @Test
  void readinessNamesTheInformersOfADeletedCrd() throws Exception {
    try (AlignmentOperator operator = plane.startOperator()) {
      await().atMost(TIMEOUT).until(() -> readyz(operator).statusCode() == 200);

      deleteCrd("rewardmodels.alignment.dev");
      HttpResponse<String> notReady = await().atMost(TIMEOUT).until(() -> readyz(operator),
          r -> r.statusCode() == 503);
      assertThat(notReady.body()).startsWith("not ready: controller ")
          .contains("RewardModel event source (informer for all namespaces: running=true synced=true watching=false)")
          .doesNotContain("PreferenceDataset event source");

      restoreCrd();
      await().atMost(TIMEOUT).until(() -> readyz(operator).statusCode() == 200);
    }
  }

  @Test
  void mainExitsWhenAnInformerCannotSync() throws Exception {
    deleteCrd("alignmentsweeps.alignment.dev");
    await().atMost(TIMEOUT).until(() -> crd.get() == null);
    Path log = Files.createTempFile("alignment-operator-main", ".log");
    ProcessBuilder builder = new ProcessBuilder(mainCommand()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("ALIGNMENT_METRICS_PORT", "0");
    builder.environment().put("ALIGNMENT_WATCH_NAMESPACES", plane.newNamespace("main"));
    Process main = builder.start();
    try {
      assertThat(main.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the operator process exited").isTrue();
      assertThat(main.exitValue()).isEqualTo(1);
      assertThat(Files.readString(log)).contains("the operator did not start; exiting");
    } finally {
      main.destroyForcibly();
      Files.delete(log);
    }
  }

  /** This JVM's classpath and the control plane's address and credentials, as system properties Fabric8 reads. */
  private List<String> mainCommand() {
    Config config = plane.client.getConfiguration();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Dkubernetes.master=" + config.getMasterUrl(),
        "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false"));
    property(command, "kubernetes.certs.ca.data", config.getCaCertData());
    property(command, "kubernetes.certs.ca.file", config.getCaCertFile());
    property(command, "kubernetes.certs.client.data", config.getClientCertData());
    property(command, "kubernetes.certs.client.file", config.getClientCertFile());
    property(command, "kubernetes.certs.client.key.data", config.getClientKeyData());
    property(command, "kubernetes.certs.client.key.file", config.getClientKeyFile());
    command.add(Main.class.getName());
    return command;
  }

  private static void property(List<String> command, String name, String value) {
    if (value != null) {
      command.add("-D" + name + "=" + value);
    }
  }

  private HttpResponse<String> readyz(AlignmentOperator operator) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + operator.metricsPort() + "/readyz"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}

package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's hostile tenant on the single-node cluster: tenant A, who may create resources in its own namespace,
 * tries every way the issue lists to reach tenant B's data, the node's files, the service-account token, internal
 * addresses or the cluster's privileges. Each is refused, at admission or as a Failed resource naming the field,
 * with no Job created and tenant B's data untouched. (The critic's protocol is tested in CriticServerTest; pods run
 * under the restricted profile in every e2e namespace, see LocalCluster.)
 */
class HostileTenantE2EIT {
  private static final Duration SETTLE = Duration.ofMinutes(2);
  private static final String SECRET_ROWS = "{\"prompt\": \"b's secret\", \"chosen\": \"x\", \"rejected\": \"y\"}\n";
  private static LocalCluster cluster;
  private static String tenantA;
  private static String tenantB;
  private static Path victim;

  @BeforeAll
  static void tenants() throws IOException {
    cluster = LocalCluster.get();
    tenantA = cluster.newNamespace("tenant-a");
    tenantB = cluster.newNamespace("tenant-b");
    victim = cluster.workspace().resolve(tenantB).resolve("victim");
    Files.createDirectories(victim);
    Files.writeString(victim.resolve("pairs.jsonl"), SECRET_ROWS);
  }

  @Test
  void admissionRefusesPathsOutsideAnyWorkspaceAndRunTraversal() {
    assertThatThrownBy(() -> cluster.apply(tenantA, dataset("etc-passwd", "file:///etc/passwd")))
        .hasMessageContaining("spec.source.uri").hasMessageContaining("file:///workspace/<namespace>/<path>");
    assertThatThrownBy(() -> cluster.apply(tenantA, rewardModel("token",
        "model: {uri: builtin://gpt2-tiny, tokenizer: file:///var/run/secrets/kubernetes.io/serviceaccount/token}")))
        .hasMessageContaining("spec.model.tokenizer");
    assertThatThrownBy(() -> cluster.apply(tenantA, rewardModel("traversal",
        "model: {uri: \"run://x/../../" + tenantB + "/victim/dpo\"}")))
        .hasMessageContaining("spec.model.uri");
    assertThatThrownBy(() -> cluster.apply(tenantA, dataset("encoded",
        "file:///workspace/" + tenantA + "/%2e%2e/" + tenantB + "/victim/pairs.jsonl")))
        .hasMessageContaining("spec.source.uri");
  }

  @Test
  void theOperatorRefusesAnotherTenantsFilesAndInternalAddressesNamingTheField() throws IOException {
    assertFailed("foreign", dataset("foreign", "file:///workspace/" + tenantB + "/victim/pairs.jsonl"),
        "spec.source.uri", "is outside this namespace's workspace");
    assertFailed("metadata", dataset("metadata", "http://169.254.169.254/latest/meta-data/"),
        "spec.source.uri", "refused by the operator's http policy");
    String apiServer = cluster.client.services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP();
    assertFailed("api-server", dataset("api-server", "https://" + apiServer + "/api"),
        "spec.source.uri", "refused by the operator's http policy");
    assertThat(Files.readString(victim.resolve("pairs.jsonl"))).as("tenant B's data").isEqualTo(SECRET_ROWS);
    assertThat(names(cluster.workspace().resolve(tenantA))).as("nothing of tenant A's refused resources was written")
        .doesNotContain("foreign", "metadata", "api-server");
  }

  @Test
  void forbiddenImagesTolerationsAndPriorityClassesAreRefusedNamingTheSetting() {
    assertFailed("image", dataset("image", "builtin://sentiment/preferences") + "  image: evil.example.com/miner:latest\n",
        "spec.image", "is not allowed by the operator's allowedImages");
    assertFailed("priority", rewardModel("priority", "scheduling: {priorityClassName: system-node-critical}"),
        "spec.scheduling.priorityClassName", "allowedPriorityClasses");
    assertFailed("toleration", rewardModel("toleration", "scheduling: {tolerations: [{operator: Exists}]}"),
        "spec.scheduling.tolerations[0].key", "allowedTolerationKeys");
  }

  @Test
  void aConfigMapPlantedUnderAStagesNameIsNeverMounted() {
    cluster.apply(tenantA, """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: planted-validate-config}
        data: {config.json: '{"stage": "validate-dataset", "source": "file:///workspace/%s/victim/pairs.jsonl"}'}
        """.formatted(tenantB));
    assertFailed("planted", dataset("planted", "builtin://sentiment/preferences"),
        "ConfigMap planted-validate-config", "is not owned by this PreferenceDataset");
  }

  /** Applies a manifest the API server admits and waits for the resource to fail with a message naming it all. */
  private static void assertFailed(String name, String manifest, String... fragments) {
    cluster.apply(tenantA, manifest);
    String kind = manifest.contains("kind: RewardModel") ? "rewardmodel" : "preferencedataset";
    await().atMost(SETTLE).untilAsserted(() ->
        assertThat(cluster.kubectl(null, "get", kind, name, "-n", tenantA, "-o", "jsonpath={.status.phase}"))
            .isEqualTo("Failed"));
    String status = cluster.kubectl(null, "get", kind, name, "-n", tenantA, "-o", "jsonpath={.status}");
    assertThat(status).contains(fragments);
    assertThat(cluster.kubectl(null, "get", "jobs", "-n", tenantA, "-o", "name"))
        .as("no Job for the refused %s %s", kind, name).doesNotContain("job.batch/" + name + "-");
  }

  private static String dataset(String name, String uri) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: PreferenceDataset
        metadata: {name: %s}
        spec:
          source: {uri: "%s"}
        """.formatted(name, uri);
  }

  private static String rewardModel(String name, String model) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: RewardModel
        metadata: {name: %s}
        spec:
          preferenceDataset: anything
          %s
        """.formatted(name, model);
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}

package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator with nothing but the Roles the chart grants when watchNamespaces is set (and the read-only
 * ClusterRole of the cluster-scoped TrainerRuntimes), as its service account (impersonated) on a real kube-apiserver
 * with RBAC: it starts, and reconciles every kind in the watched namespace.
 */
class NamespacedRbacIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String SUMMARY_VALIDATE = """
      {"output":"file:///workspace/%s/prefs/validate/dataset","digest":"sha256:abc",
       "metrics":{"trainPairs":900,"validationPairs":100,"skippedRows":3},"message":"validated 1003 rows"}""";

  @Test
  void theOperatorReconcilesAWatchedNamespaceWithOnlyTheChartsRoles() throws Exception {
    String release = plane.newNamespace("release");
    String ns = plane.newNamespace("watched");
    String chart = ChartTemplate.render(release, "--set", "watchNamespaces={" + ns + "}",
        "--show-only", "templates/serviceaccount.yaml", "--show-only", "templates/rbac.yaml");
    List<HasMetadata> objects = client.load(new ByteArrayInputStream(chart.getBytes(StandardCharsets.UTF_8))).items();
    assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
        "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    for (HasMetadata object : objects) {
      if (object.getMetadata().getNamespace() == null && !object.getKind().startsWith("Cluster")) {
        object.getMetadata().setNamespace(release);
      }
      client.resource(object).serverSideApply();
    }

    try (KubernetesClient account = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withImpersonateUsername("system:serviceaccount:" + release + ":alignment-operator")
        .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + release, "system:authenticated")
        .build()).build()) {
      assertThatThrownBy(() -> account.batch().v1().jobs().inAnyNamespace().list())
          .as("the account is confined to the watched namespace")
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

      try (AlignmentOperator operator = AlignmentOperator.start(account,
          TestOperatorConfig.with(Map.of("watchNamespaces", List.of(ns))))) {
        create(ns, Manifests.dataset("prefs", "builtin://sentiment/preferences"));
        jobs.succeed(awaitJob(ns, "prefs-validate-1"), SUMMARY_VALIDATE.formatted(ns));
        await().atMost(TIMEOUT).until(() -> client.resources(PreferenceDataset.class).inNamespace(ns).withName("prefs").get(),
            d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Ready);

        create(ns, Manifests.importedRewardModel("judge", "run://other/reward"));
        create(ns, Manifests.of("AlignmentRun", "split", """
            algorithm: PPO
            rewardModel: judge
            resources: {critic: {gpus: 1}}
            """));
        awaitJob(ns, "split-ppo-critic-1");
        await().atMost(TIMEOUT).until(() -> client.services().inNamespace(ns).withName("split-ppo-critic").get() != null);

        create(ns, Manifests.dataset("prefs2", "builtin://sentiment/preferences"));
        create(ns, Manifests.sweep("grid", 1, "prefs2"));
        await().atMost(TIMEOUT).until(() -> client.resources(AlignmentRun.class).inNamespace(ns).withLabel("alignment.dev/sweep").list()
            .getItems(), runs -> !runs.isEmpty());

        await().atMost(TIMEOUT).until(() -> client.v1().events().inNamespace(ns).list().getItems(),
            events -> events.stream().anyMatch(e -> e.getInvolvedObject().getName().equals("prefs")));
      }
    }
  }

  private static void create(String ns, String yaml) {
    client.resource(yaml).inNamespace(ns).create();
  }

  private static Job awaitJob(String ns, String name) {
    return await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName(name).get(), j -> j != null);
  }
}

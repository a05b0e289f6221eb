package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator's tenant policy and restricted trainer pods against a real kube-apiserver: in a namespace that
 * enforces the Pod Security Standard {@code restricted}, the pod the Job controller would make from a stage Job's
 * template is admitted (PodSecurity admission is the API server's own), and specs naming what the operator config
 * does not allow end Failed, naming the field and the setting, with no Job created.
 */
class TenantPolicyIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static AlignmentOperator operator;
  private static String ns;

  @BeforeAll
  static void start() throws IOException {
    ns = plane.newNamespace("restricted");
    client.namespaces().withName(ns).edit(n -> new NamespaceBuilder(n).editMetadata()
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
        .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
        .endMetadata().build());
    client.resource(Manifests.importedRewardModel("rm", "file:///workspace/" + ns + "/rm")).inNamespace(ns).create();
    operator = AlignmentOperator.start(client, TestOperatorConfig.with(Map.of(
        "imagePullSecrets", List.of("registry-pull"),
        "trainerActiveDeadlineSeconds", 86_400,
        "allowedEnvNames", List.of("AWS_*", "HF_TOKEN"))));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void theTrainerPodsAreAdmittedWhereTheNamespaceEnforcesRestricted() {
    create(Manifests.of("AlignmentRun", "allowed", """
        algorithm: PPO
        rewardModel: rm
        env:
          - {name: AWS_REGION, value: eu-west-1}
          - {name: HF_TOKEN, valueFrom: {secretKeyRef: {name: hub, key: token}}}
        envFrom:
          - {prefix: AWS_, secretRef: {name: s3-credentials}}
        """));
    for (String role : List.of("actor", "critic")) {
      Job job = await().atMost(TIMEOUT).until(
          () -> client.batch().v1().jobs().inNamespace(ns).withName("allowed-ppo-" + role + "-1").get(), j -> j != null);

      Pod admitted = client.resource(podOf(job)).create();

      assertThat(admitted.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65532L);
      assertThat(admitted.getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-pull");
      assertThat(admitted.getSpec().getActiveDeadlineSeconds()).isEqualTo(86_400L);
      assertThat(admitted.getSpec().getContainers().get(0).getEnvFrom()).singleElement()
          .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("s3-credentials"));
      // The same pod as root, so that the admission above could have failed.
      Pod asRoot = new PodBuilder(podOf(job)).editMetadata().withName(role + "-as-root").endMetadata()
          .editSpec().editSecurityContext().withRunAsNonRoot(false).withRunAsUser(0L).endSecurityContext().endSpec()
          .build();
      assertThatThrownBy(() -> client.resource(asRoot).create()).isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("violates PodSecurity \"restricted:latest\"");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      image        | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nimage: evil:latest                                    | spec.image "evil:latest" is not allowed by the operator's allowedImages (Helm value policy.allowedImages)
      toleration   | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nscheduling: {tolerations: [{operator: Exists}]}        | spec.scheduling.tolerations[0].key "" is not allowed by the operator's allowedTolerationKeys (Helm value policy.allowedTolerationKeys)
      priority     | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nscheduling: {priorityClassName: system-node-critical} | spec.scheduling.priorityClassName "system-node-critical" is not allowed by the operator's allowedPriorityClasses (Helm value policy.allowedPriorityClasses)
      selector     | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nscheduling: {nodeSelector: {kubernetes.io/hostname: n}} | spec.scheduling.nodeSelector key "kubernetes.io/hostname" is not allowed by the operator's allowedNodeSelectorKeys (Helm value policy.allowedNodeSelectorKeys)
      claim        | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nworkspace: {claimName: tenant-b-data}                 | spec.workspace.claimName "tenant-b-data" is not allowed by the operator's allowedClaims (Helm value policy.allowedClaims)
      env          | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nenv: [{name: JAVA_TOOL_OPTIONS, value: x}]            | spec.env[0].name "JAVA_TOOL_OPTIONS" is not allowed by the operator's allowedEnvNames (Helm value policy.allowedEnvNames)
      envfrom      | AlignmentRun      | algorithm: PPO\\nrewardModel: rm\\nenvFrom: [{secretRef: {name: everything}}]              | spec.envFrom[0] (Secret "everything", prefix "") is not allowed by the operator's allowedEnvNames (Helm value policy.allowedEnvNames): it must permit every name starting with "", with an entry "*"
      rm-image     | RewardModel       | preferenceDataset: missing\\nimage: evil:latest                                          | spec.image "evil:latest" is not allowed by the operator's allowedImages (Helm value policy.allowedImages)
      pds-claim    | PreferenceDataset | source: {uri: "builtin://sentiment/pairs"}\\nworkspace: {claimName: other}                | spec.workspace.claimName "other" is not allowed by the operator's allowedClaims (Helm value policy.allowedClaims)
      """)
  void aSpecThePolicyRefusesFailsNamingTheFieldAndSettingWithoutAJob(
      String name, String kind, String spec, String refusal) {
    create(Manifests.of(kind, name, spec.replace("\\n", "\n")));

    GenericKubernetesResource failed = await().atMost(TIMEOUT).until(
        () -> client.genericKubernetesResources("alignment.dev/v1alpha1", kind).inNamespace(ns).withName(name).get(),
        r -> "Failed".equals(statusField(r, "phase")));

    assertThat(statusField(failed, "message")).isEqualTo("invalid spec: " + refusal);
    assertThat(client.batch().v1().jobs().inNamespace(ns).withLabel("alignment.dev/owner", name).list().getItems())
        .isEmpty();
  }

  /** The Pod the Job controller (absent here) would create from the Job's template. */
  private static Pod podOf(Job job) {
    return new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-pod").withNamespace(ns)
        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec()).build();
  }

  private static void create(String manifest) {
    client.resource(manifest).inNamespace(ns).create();
  }
}

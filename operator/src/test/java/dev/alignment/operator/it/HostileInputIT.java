package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile and unlucky input against the operator and a real kube-apiserver: an object that does not fit its Java
 * type, Jobs the API server refuses, names that are valid for a run but not for its Service, out-of-memory kills.
 * Each ends in the object's status, and the operator keeps serving everyone else.
 */
class HostileInputIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String RUNS_CRD = "alignmentruns.alignment.dev";

  private static AlignmentOperator operator;
  private static String ns;

  /** The poisoned run is stored before the operator starts, as one left behind by an older CRD would be. */
  @BeforeAll
  static void start() throws IOException {
    ns = plane.newNamespace("hostile");
    storeRunTheSchemaNoLongerAdmits("poisoned", 99_999_999_999L);
    apply(Manifests.importedRewardModel("rm", "file:///workspace/" + ns + "/rm"));
    // The operator's policy lets every node selector and toleration key through: here the API server refuses.
    operator = AlignmentOperator.start(client, TestOperatorConfig.with(Map.of(
        "allowedNodeSelectorKeys", List.of("*"), "allowedTolerationKeys", List.of("*"))));
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aRunThatDoesNotFitItsTypeFailsAloneAndTheOthersAreReconciled() {
    apply(ppoRun("healthy", "Colocated", ""));

    awaitJob("healthy-ppo-1");
    // The test's own client reads the poisoned run untyped: it does not fit AlignmentRun.
    GenericKubernetesResource poisoned = await().atMost(TIMEOUT).until(
        () -> client.genericKubernetesResources("alignment.dev/v1alpha1", "AlignmentRun").inNamespace(ns)
            .withName("poisoned").get(),
        r -> "Failed".equals(statusField(r, "phase")));
    assertThat(statusField(poisoned, "message"))
        .startsWith("invalid spec: the object does not fit the AlignmentRun type: spec.checkpointEvery: ")
        .contains("99999999999");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("poisoned")).contains("InvalidSpec"));

    client.genericKubernetesResources("alignment.dev/v1alpha1", "AlignmentRun").inNamespace(ns).withName("poisoned")
        .delete();
    apply(ppoRun("after-delete", "Colocated", ""));
    awaitJob("after-delete-ppo-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unicode-selector | scheduling: {nodeSelector: {"ключ": "v"}}                          | spec.template.spec.nodeSelector
      bad-toleration   | scheduling: {tolerations: [{key: k, operator: Sometimes}]}       | spec.template.spec.tolerations[0].operator
      """)
  void aJobTheApiServerRefusesFailsTheRunWithTheApiServersWords(String name, String extra, String field) {
    apply(ppoRun(name, "Colocated", extra));

    AlignmentRun failed = awaitRun(name, r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Failed);

    assertThat(stage(failed, "ppo").message)
        .startsWith("attempt 1 could not start: Job " + name + "-ppo-1 was refused by the API server (422): ")
        .contains(field);
    assertThat(stage(failed, "ppo").failures).isZero();
    assertThat(failed.getStatus().message).startsWith("stage ppo failed: attempt 1 could not start");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events(name)).contains("CreateRefused", "StageFailed"));
    assertThat(client.batch().v1().jobs().inNamespace(ns).withLabel("alignment.dev/owner", name).list().getItems())
        .isEmpty();
  }

  @Test
  void aRefusalThatMayPassLaterIsRetriedWithoutSpendingRetries() {
    String quotaNs = plane.newNamespace("quota");
    ResourceQuota quota = client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-jobs")
        .withNamespace(quotaNs).endMetadata().withNewSpec().addToHard("count/jobs.batch", new Quantity("0")).endSpec()
        .build()).create();
    // What the quota controller (absent here) would report.
    client.resource(new ResourceQuotaBuilder(quota).withNewStatus().addToHard("count/jobs.batch", new Quantity("0"))
        .addToUsed("count/jobs.batch", new Quantity("0")).endStatus().build()).updateStatus();
    applyIn(quotaNs, Manifests.importedRewardModel("rm", "file:///workspace/" + quotaNs + "/rm"));
    applyIn(quotaNs, ppoRun("quota", "Colocated", ""));

    await().atMost(TIMEOUT).untilAsserted(() -> {
      AlignmentRun run = client.resources(AlignmentRun.class).inNamespace(quotaNs).withName("quota").get();
      assertThat(stage(run, "ppo").message).contains("was refused by the API server (403)").contains("no-jobs");
      assertThat(stage(run, "ppo").phase).isEqualTo(StagePhase.Retrying);
      assertThat(stage(run, "ppo").failures).isZero();
      assertThat(run.getStatus().phase).isEqualTo(RunPhase.Running);
    });

    client.resourceQuotas().inNamespace(quotaNs).withName("no-jobs").delete();

    Job started = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(quotaNs)
        .withLabel("alignment.dev/owner", "quota").list().getItems(), l -> !l.isEmpty()).get(0);
    assertThat(started.getMetadata().getName()).startsWith("quota-ppo-");
  }

  @Test
  void aStatusWriteTheApiServerRefusesShowsInStatusWithoutFailingTheRunAndGoesOnceAllowed() {
    // A policy refusing the status of labelled runs unless it shows a ReconcileFailure (so that one can be shown),
    // and any update of labelled ConfigMaps (to know when the API server enforces it).
    client.resource("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: refuse-status}
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
            - {apiGroups: [alignment.dev], apiVersions: [v1alpha1], operations: [UPDATE], resources: [alignmentruns/status]}
            - {apiGroups: [""], apiVersions: [v1], operations: [UPDATE], resources: [configmaps]}
            objectSelector:
              matchLabels: {test.alignment.dev/refuse-status: "true"}
          validations:
          - expression: "has(object.status) && has(object.status.conditions) && object.status.conditions.exists(c, c.type == 'ReconcileFailure')"
            message: this test refuses the status
        """).create();
    client.resource("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: refuse-status}
        spec: {policyName: refuse-status, validationActions: [Deny]}
        """).create();
    ConfigMap probe = client.resource(new ConfigMapBuilder().withNewMetadata().withName("refuse-status-probe")
        .withNamespace(ns).addToLabels("test.alignment.dev/refuse-status", "true").endMetadata().build()).create();
    await().atMost(TIMEOUT).until(() -> refused(() -> client.configMaps().inNamespace(ns).withName("refuse-status-probe")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("tick", String.valueOf(System.nanoTime())).build())));

    apply("""
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentRun
        metadata:
          name: refused-status
          labels: {test.alignment.dev/refuse-status: "true"}
        spec: {algorithm: PPO, rewardModel: rm}
        """);

    AlignmentRun failing = awaitRun("refused-status", r -> r.getStatus() != null && r.getStatus().conditions.stream()
        .anyMatch(c -> "ReconcileFailure".equals(c.getType())));
    assertThat(failing.getStatus().conditions).filteredOn(c -> "ReconcileFailure".equals(c.getType())).singleElement()
        .satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo("ApiRequestFailed");
          assertThat(c.getMessage()).startsWith("request to the API server failed (").contains("this test refuses the status")
              .endsWith("; retrying");
        });
    assertThat(failing.getStatus().phase).as("a failure that may pass changes no phase").isNull();

    client.resource(probe).delete();
    client.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName("refuse-status").delete();
    client.admissionRegistration().v1().validatingAdmissionPolicies().withName("refuse-status").delete();

    AlignmentRun recovered = awaitRun("refused-status", r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Running);
    assertThat(recovered.getStatus().conditions).extracting(Condition::getType).doesNotContain("ReconcileFailure");
  }

  @ParameterizedTest
  @CsvSource({"7b-ppo", "llama-3.1-ppo"})
  void aRunWhoseNameIsNotADnsLabelStillGetsAValidCriticService(String name) {
    apply(ppoRun(name, "Split", ""));

    awaitJob(name + "-ppo-actor-1");
    awaitJob(name + "-ppo-critic-1");
    Service critic = await().atMost(TIMEOUT).until(() -> client.services().inNamespace(ns)
        .withLabel("alignment.dev/owner", name).list().getItems(), l -> l.size() == 1).get(0);
    assertThat(critic.getMetadata().getName()).matches("[a-z]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
    assertThat(client.configMaps().inNamespace(ns).withName(name + "-ppo-config").get().getData().get("config.json"))
        .contains(critic.getMetadata().getName() + "." + ns);
  }

  @Test
  void anOutOfMemoryKillFailsAtOnceNamingTheMemoryLimit() {
    apply(ppoRun("oom", "Colocated", "resources: {trainer: {memory: 3Gi}}"));

    jobs.fail(awaitJob("oom-ppo-1"), 137, "OOMKilled", "");

    AlignmentRun failed = awaitRun("oom", r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Failed);
    assertThat(stage(failed, "ppo").message)
        .startsWith("out of memory: the trainer was killed at its memory limit of 3Gi (exit code 137, OOMKilled)");
    assertThat(stage(failed, "ppo").attempts).isEqualTo(1);
  }

  @Test
  void anOutOfMemoryKillIsRetriedWhenTheRunAsks() {
    apply(ppoRun("oom-retry", "Colocated", "retryOnOutOfMemory: true"));

    jobs.fail(awaitJob("oom-retry-ppo-1"), 137, "OOMKilled", "");

    awaitJob("oom-retry-ppo-2");
    assertThat(stage(awaitRun("oom-retry", r -> stage(r, "ppo").attempts == 2), "ppo").failures).isEqualTo(1);
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private static String ppoRun(String name, String topology, String extra) {
    return Manifests.of("AlignmentRun", name, """
        algorithm: PPO
        rewardModel: rm
        ppo: {topology: %s}
        %s
        """.formatted(topology, extra));
  }

  /** Relaxes the CRD's bound on checkpointEvery, stores the run, and restores the bound. */
  private static void storeRunTheSchemaNoLongerAdmits(String name, long checkpointEvery) {
    editCheckpointEveryMaximum(schema -> schema.setMaximum(null));
    try {
      String manifest = Manifests.of("AlignmentRun", name,
          "{algorithm: PPO, rewardModel: rm, checkpointEvery: " + checkpointEvery + "}");
      // The API server takes a moment to serve a changed schema.
      await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
        applyIn(ns, manifest);
        return true;
      });
    } finally {
      editCheckpointEveryMaximum(schema -> schema.setMaximum(1e7));
    }
  }

  private static void editCheckpointEveryMaximum(Consumer<JSONSchemaProps> edit) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(RUNS_CRD).get();
    edit.accept(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec")
        .getProperties().get("checkpointEvery"));
    client.resource(crd).update();
  }

  private static void apply(String yaml) {
    applyIn(ns, yaml);
  }

  private static void applyIn(String namespace, String yaml) {
    client.resource(yaml).inNamespace(namespace).create();
  }

  /** Whether the test's admission policy refuses the request. */
  private static boolean refused(Runnable request) {
    try {
      request.run();
      return false;
    } catch (KubernetesClientException e) {
      if (e.getMessage() != null && e.getMessage().contains("this test refuses the status")) {
        return true;
      }
      throw e;
    }
  }

  private static Job awaitJob(String name) {
    return await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName(name).get(),
        job -> job != null);
  }

  private static AlignmentRun awaitRun(String name, Predicate<AlignmentRun> condition) {
    return await().atMost(TIMEOUT).until(() -> client.resources(AlignmentRun.class).inNamespace(ns).withName(name).get(),
        r -> r != null && condition.test(r));
  }

  private static List<String> events(String involved) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> involved.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
  }

  private static StageStatus stage(AlignmentRun run, String name) {
    return run.getStatus() == null ? new StageStatus()
        : run.getStatus().stages.stream().filter(s -> s.name.equals(name)).findFirst().orElseGet(StageStatus::new);
  }
}

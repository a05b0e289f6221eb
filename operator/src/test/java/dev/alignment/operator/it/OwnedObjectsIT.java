package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects a tenant plants under the names a run's stage will use, and the objects a deleted run leaves behind for a
 * new run of the same name (this tier has no garbage collector), against a real kube-apiserver: none is adopted,
 * mounted or reused; the stage fails naming the object, with an {@code OwnershipConflict} Event.
 */
class OwnedObjectsIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String NOT_OWNED = "exists and is not owned by this AlignmentRun";

  private static AlignmentOperator operator;
  private static String ns;

  @BeforeAll
  static void start() throws IOException {
    ns = plane.newNamespace("owned");
    client.resource(Manifests.importedRewardModel("rm", "file:///workspace/" + ns + "/rm")).inNamespace(ns).create();
    operator = plane.startOperator();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aConfigMapPlantedBeforeTheRunIsNotMountedAndTheStageFailsNamingIt() {
    ConfigMap planted = client.resource(new ConfigMapBuilder().withNewMetadata().withName("cm-ppo-config")
        .withNamespace(ns).endMetadata().withData(Map.of("config.json", "{\"planted\": true}")).build()).create();

    create(Manifests.ppoRun("cm", "rm"));

    StageStatus ppo = awaitFailedStage("cm", "ppo");
    assertThat(ppo.message).startsWith("attempt 1 could not start: ConfigMap cm-ppo-config " + NOT_OWNED);
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("cm-ppo-1").get()).as("no Job mounts it").isNull();
    ConfigMap after = client.configMaps().inNamespace(ns).withName("cm-ppo-config").get();
    assertThat(after.getData()).isEqualTo(planted.getData());
    assertThat(after.getMetadata().getOwnerReferences()).isEmpty();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("cm")).contains("OwnershipConflict", "StageFailed"));
  }

  @Test
  void aJobPlantedWithTheStagesLabelsIsNotTakenForItsAttempt() {
    // Labelled as attempt 1 of the stage, and claiming to be owned by a run of this name (another UID), so the
    // operator's informer maps it to the run; it is already "complete".
    Job planted = client.resource(plantedJob("job", "job-ppo-1", 1, reference("job", "uid-of-someone-else"))).create();
    jobs.succeed(planted, "{\"output\": \"file:///workspace/planted\"}");

    create(Manifests.ppoRun("job", "rm"));

    StageStatus ppo = awaitFailedStage("job", "ppo");
    assertThat(ppo.message).startsWith("attempt 1 could not start: Job job-ppo-1 " + NOT_OWNED);
    assertThat(ppo.output).isNull();
    Job after = client.batch().v1().jobs().inNamespace(ns).withName("job-ppo-1").get();
    assertThat(after.getMetadata().getUid()).as("the planted Job, not one the operator made")
        .isEqualTo(planted.getMetadata().getUid());
    assertThat(after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("planted:1");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("job")).contains("OwnershipConflict"));
  }

  @Test
  void aPlantedJobOfALaterAttemptIsIgnoredAndTheRunStartsItsOwn() {
    Job planted = client.resource(plantedJob("later", "later-ppo-7", 7, reference("later", "uid-of-someone-else")))
        .create();
    jobs.succeed(planted, "{\"output\": \"file:///workspace/planted\"}");

    create(Manifests.ppoRun("later", "rm"));

    Job own = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("later-ppo-1").get(),
        j -> j != null);
    AlignmentRun run = client.resources(AlignmentRun.class).inNamespace(ns).withName("later").get();
    assertThat(own.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(run.getMetadata().getUid()));
    await().atMost(TIMEOUT).untilAsserted(() -> {
      StageStatus ppo = stage(client.resources(AlignmentRun.class).inNamespace(ns).withName("later").get(), "ppo");
      assertThat(ppo.phase).isEqualTo(StagePhase.Running);
      assertThat(ppo.attempts).isEqualTo(1);
      assertThat(ppo.job).isEqualTo("later-ppo-1");
    });
  }

  @Test
  void aRunRecreatedUnderTheSameNameAdoptsNothingItsPredecessorLeft() {
    create(Manifests.ppoRun("again", "rm"));
    Job old = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("again-ppo-1").get(),
        j -> j != null);
    String oldUid = client.resources(AlignmentRun.class).inNamespace(ns).withName("again").get().getMetadata().getUid();
    client.resources(AlignmentRun.class).inNamespace(ns).withName("again").delete();
    await().atMost(TIMEOUT).until(() -> client.resources(AlignmentRun.class).inNamespace(ns).withName("again").get() == null);

    create(Manifests.ppoRun("again", "rm"));

    StageStatus ppo = awaitFailedStage("again", "ppo");
    assertThat(ppo.message).startsWith("attempt 1 could not start: ConfigMap again-ppo-config " + NOT_OWNED);
    Job after = client.batch().v1().jobs().inNamespace(ns).withName("again-ppo-1").get();
    assertThat(after.getMetadata().getUid()).isEqualTo(old.getMetadata().getUid());
    assertThat(after.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(oldUid);
    assertThat(client.configMaps().inNamespace(ns).withName("again-ppo-config").get().getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getUid).containsExactly(oldUid);
  }

  @Test
  void aPlantedCriticTokenSecretIsNotMountedAndTheSplitStageFailsNamingIt() {
    client.resource(new SecretBuilder().withNewMetadata().withName("tok-ppo-token-1").withNamespace(ns).endMetadata()
        .withStringData(Map.of("token", "known-to-the-attacker")).build()).create();

    create(Manifests.of("AlignmentRun", "tok", "{algorithm: PPO, rewardModel: rm, ppo: {topology: Split}}"));

    StageStatus ppo = awaitFailedStage("tok", "ppo");
    assertThat(ppo.message).startsWith("attempt 1 could not start: Secret tok-ppo-token-1 " + NOT_OWNED);
    assertThat(client.batch().v1().jobs().inNamespace(ns).withLabel("alignment.dev/owner", "tok").list().getItems())
        .isEmpty();
  }

  @Test
  void aSplitRunMountsItsOwnAttemptSecretIntoBothRoles() {
    create(Manifests.of("AlignmentRun", "split", "{algorithm: PPO, rewardModel: rm, ppo: {topology: Split}}"));

    for (String role : List.of("actor", "critic")) {
      Job job = await().atMost(TIMEOUT).until(
          () -> client.batch().v1().jobs().inNamespace(ns).withName("split-ppo-" + role + "-1").get(), j -> j != null);
      assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
          .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("split-ppo-token-1"));
    }
    var secret = client.secrets().inNamespace(ns).withName("split-ppo-token-1").get();
    String runUid = client.resources(AlignmentRun.class).inNamespace(ns).withName("split").get().getMetadata().getUid();
    assertThat(secret.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid).containsExactly(runUid);
    assertThat(client.configMaps().inNamespace(ns).withName("split-ppo-config").get().getData().get("config.json"))
        .contains("\"tokenFile\" : \"/etc/alignment/critic/token\"");
  }

  @Test
  void aPodPlantedWithTheJobsNameDoesNotSpeakForIt() {
    create(Manifests.ppoRun("pod", "rm"));
    Job job = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("pod-ppo-1").get(),
        j -> j != null);
    // Labelled as the Job's pod, with a later finish and a summary of its own, but not owned by the Job.
    Pod planted = client.resource(new PodBuilder().withNewMetadata().withName("pod-ppo-1-planted").withNamespace(ns)
        .withLabels(Map.of("batch.kubernetes.io/job-name", "pod-ppo-1")).endMetadata()
        .withNewSpec().addNewContainer().withName("trainer").withImage("planted:1").endContainer().endSpec().build())
        .create();
    client.resource(new PodBuilder(planted).withNewStatus().withPhase("Succeeded").addNewContainerStatus()
        .withName("trainer").withImage("planted:1").withImageID("").withReady(false).withRestartCount(0)
        .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
        .withMessage("{\"output\":\"file:///workspace/planted\"}").withFinishedAt("2099-01-01T00:00:00Z")
        .endTerminated().endState().endContainerStatus().endStatus().build()).updateStatus();

    jobs.succeed(job, "{\"output\":\"file:///workspace/%s/pod/ppo/model\"}".formatted(ns));

    await().atMost(TIMEOUT).untilAsserted(() -> {
      StageStatus ppo = stage(client.resources(AlignmentRun.class).inNamespace(ns).withName("pod").get(), "ppo");
      assertThat(ppo.phase).isEqualTo(StagePhase.Succeeded);
      assertThat(ppo.output).isEqualTo("file:///workspace/" + ns + "/pod/ppo/model");
    });
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private static Job plantedJob(String run, String name, int attempt, OwnerReference owner) {
    return new JobBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .withLabels(Map.of("app.kubernetes.io/name", "alignment-trainer", "app.kubernetes.io/managed-by",
            "alignment-operator", "alignment.dev/owner-kind", "AlignmentRun", "alignment.dev/owner", run,
            "alignment.dev/stage", "ppo", "alignment.dev/attempt", String.valueOf(attempt)))
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("trainer").withImage("planted:1").endContainer()
        .endSpec().endTemplate().endSpec()
        .build();
  }

  private static OwnerReference reference(String run, String uid) {
    return new OwnerReferenceBuilder().withApiVersion("alignment.dev/v1alpha1").withKind("AlignmentRun").withName(run)
        .withUid(uid).withController(true).build();
  }

  private static void create(String manifest) {
    client.resource(manifest).inNamespace(ns).create();
  }

  private static StageStatus awaitFailedStage(String run, String stage) {
    AlignmentRun failed = await().atMost(TIMEOUT).until(
        () -> client.resources(AlignmentRun.class).inNamespace(ns).withName(run).get(),
        r -> r != null && r.getStatus() != null && r.getStatus().phase == RunPhase.Failed);
    assertThat(failed.getStatus().message).startsWith("stage " + stage + " failed: attempt 1 could not start: ");
    StageStatus status = stage(failed, stage);
    assertThat(status.phase).isEqualTo(StagePhase.Failed);
    assertThat(status.failures).isZero();
    return status;
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

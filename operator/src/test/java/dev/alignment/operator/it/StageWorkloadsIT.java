package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.operator.AlignmentOperator;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.job.StageJobs;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.job.jobset.JobSetStatus;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.JobState;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.ObservedJob;
import dev.alignment.operator.stage.RunPipeline;
import dev.alignment.operator.stage.StageAction;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import dev.alignment.operator.uri.UriPolicy;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stage of a 2-pod torchrun role against a real kube-apiserver, first without the JobSet API (an Indexed Job and a
 * headless Service), then with upstream's JobSet CRD installed (one JobSet, which the CRD's schema accepts whole).
 * There is no Job or JobSet controller here: the tests write the status and the pods those would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageWorkloadsIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Launch TWO_PODS =
      new Launch("trl", "trl:1", List.of("alignment-trl"), Launcher.Torchrun, 2, 1, List.of());
  private static final String SUMMARY = "{\"output\": \"file:///workspace/w/multi/dpo/model\", \"metrics\": {\"loss\": 0.5}}";

  private static String ns;

  @BeforeAll
  static void namespace() {
    ns = plane.newNamespace("workloads");
  }

  @AfterAll
  static void removeJobSetApi() {
    client.apiextensions().v1().customResourceDefinitions().withName("jobsets.jobset.x-k8s.io").delete();
  }

  @Test
  @Order(1)
  void withoutTheJobSetApiATwoPodRoleIsAnIndexedJobWithAPeerServiceAndRankZeroSummarises() {
    AlignmentRun run = run("indexed");
    StageJobs stageJobs = StageJobs.discover(client);
    assertThat(stageJobs.jobSets()).isFalse();

    assertThat(stageJobs.apply(run, List.of(new StageAction.CreateJob("dpo", 1)), Map.of("dpo", stage(run)),
        settings(null))).isEmpty();

    Job job = client.batch().v1().jobs().inNamespace(ns).withName("indexed-dpo-1").get();
    assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getSpec().getParallelism()).isEqualTo(2);
    Service peers = client.services().inNamespace(ns).withName("indexed-dpo-peers").get();
    assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(job.getSpec().getTemplate().getSpec().getSubdomain()).isEqualTo("indexed-dpo-peers");

    endedPod(job, true, "indexed-dpo-1-1", 1, 0, "not a summary", "2026-11-29T10:00:09Z", Map.of());
    endedPod(job, true, "indexed-dpo-1-0", 0, 0, SUMMARY, "2026-11-29T10:00:05Z", Map.of());
    String now = Instant.now().toString();
    client.resource(new JobBuilder(job).editOrNewStatus().withStartTime(now).withCompletionTime(now).withSucceeded(2)
        .withCompletedIndexes("0-1").withActive(0).withReady(0).withTerminating(0)
        .withConditions(jobCondition("SuccessCriteriaMet", now), jobCondition("Complete", now)).endStatus().build())
        .updateStatus();

    List<ObservedJob> observed = stageJobs.observe(run, List.of(), List.of(), List.of(running("indexed-dpo-1")));

    assertThat(observed).singleElement().satisfies(j -> {
      assertThat(j.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(j.summary().output()).isEqualTo("file:///workspace/w/multi/dpo/model");
    });
  }

  @Test
  @Order(2)
  void withTheJobSetApiATwoPodStageIsOneJobSetObservedThroughItsOwnChildJobsPods() throws IOException {
    installJobSetCrd();
    AlignmentRun run = run("grouped");
    StageJobs stageJobs = StageJobs.discover(client);
    assertThat(stageJobs.jobSets()).isTrue();
    Scheduling queued = new Scheduling();
    queued.queueName = "gpus";

    assertThat(stageJobs.apply(run, List.of(new StageAction.CreateJob("dpo", 1)), Map.of("dpo", stage(run)),
        settings(queued))).isEmpty();

    JobSet jobSet = client.resources(JobSet.class).inNamespace(ns).withName("grouped-dpo-1").get();
    assertThat(jobSet.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "gpus");
    assertThat(jobSet.getSpec().suspend).isTrue();
    assertThat(jobSet.getSpec().network.enableDNSHostnames).isTrue();
    assertThat(jobSet.getSpec().failurePolicy.maxRestarts).isPositive();
    assertThat(jobSet.getSpec().failurePolicy.rules).singleElement()
        .satisfies(r -> assertThat(r.onJobFailureReasons).containsExactly("PodFailurePolicy"));
    assertThat(jobSet.getSpec().replicatedJobs).singleElement().satisfies(r -> {
      assertThat(r.template.getSpec().getParallelism()).isEqualTo(2);
      assertThat(r.template.getSpec().getCompletionMode()).isEqualTo("Indexed");
      assertThat(r.template.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
          .containsExactly("torchrun");
    });
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("grouped-dpo-1").get()).isNull();
    assertThat(client.services().inNamespace(ns).withName("grouped-dpo-peers").get()).isNull();

    // The JobSet controller's part: a child Job it controls, whose rank 1 exits 2 after one group restart; and a
    // pod someone planted with the JobSet's labels and a later, made-up failure of rank 1.
    Job child = client.resource(new JobBuilder().withNewMetadata().withName("grouped-dpo-1-trainer-0").withNamespace(ns)
        .addToLabels(JobSet.NAME_LABEL, "grouped-dpo-1")
        .addToOwnerReferences(controller(jobSet)).endMetadata()
        .withSpec(jobSet.getSpec().replicatedJobs.get(0).template.getSpec()).build()).create();
    Map<String, String> ofJobSet = Map.of(JobSet.NAME_LABEL, "grouped-dpo-1", JobSet.REPLICATED_JOB_LABEL, "trainer",
        JobSet.RESTART_ATTEMPT_LABEL, "1");
    endedPod(child, true, "grouped-dpo-1-trainer-0-1", 1, 2, "{\"message\": \"pairs.jsonl line 3: invalid JSON\"}",
        "2026-11-29T10:00:04Z", ofJobSet);
    endedPod(child, true, "grouped-dpo-1-trainer-0-0", 0, 1, "peer went away", "2026-11-29T10:00:08Z", ofJobSet);
    endedPod(child, false, "planted", 1, 1, "planted message", "2026-11-29T10:00:20Z", ofJobSet);
    jobSet.setStatus(new JobSetStatus());
    jobSet.getStatus().restarts = 1;
    jobSet.getStatus().conditions = List.of(new ConditionBuilder().withType("Failed").withStatus("True")
        .withReason("FailJobSetFailurePolicyAction").withMessage("rule BadInput").withLastTransitionTime(Instant.now().toString())
        .build());
    client.resource(jobSet).updateStatus();

    // Not cached yet: the status names the JobSet, which is looked up live.
    List<ObservedJob> observed = stageJobs.observe(run, List.of(), List.of(), List.of(running("grouped-dpo-1")));

    assertThat(observed).singleElement().satisfies(j -> {
      assertThat(j.state()).isEqualTo(JobState.FAILED_PERMANENT);
      assertThat(j.restarts()).isEqualTo(1);
      assertThat(j.summary().message()).isEqualTo("rank 1: exit code 2: pairs.jsonl line 3: invalid JSON");
    });

    stageJobs.apply(run, List.of(new StageAction.DeleteJob("dpo", "grouped-dpo-1")), Map.of(), settings(null));
    await().atMost(TIMEOUT).until(() -> client.resources(JobSet.class).inNamespace(ns).withName("grouped-dpo-1").get() == null);
  }

  @Test
  @Order(3)
  void theOperatorWatchesJobSetsAndStillRunsASinglePodStageAsAJob() throws IOException {
    installJobSetCrd();
    client.resource(Manifests.importedRewardModel("rm", "file:///workspace/" + ns + "/rm")).inNamespace(ns).create();
    try (AlignmentOperator operator = plane.startOperator()) {
      client.resource(Manifests.ppoRun("single", "rm")).inNamespace(ns).create();

      await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("single-ppo-1").get() != null);
      assertThat(client.resources(JobSet.class).inNamespace(ns).withLabel("alignment.dev/owner", "single").list().getItems())
          .isEmpty();
    }
  }

  private static void installJobSetCrd() throws IOException {
    Path crd = jobSetCrd();
    try (InputStream in = Files.newInputStream(crd)) {
      HasMetadata loaded = client.load(in).items().get(0);
      client.resource(loaded).serverSideApply();
    }
    client.apiextensions().v1().customResourceDefinitions().withName("jobsets.jobset.x-k8s.io")
        .waitUntilCondition(StageWorkloadsIT::established, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Upstream's CRD at the version the local cluster runs, from the Go module cache (hack/batch-addons.sh fetches it). */
  private static Path jobSetCrd() {
    return Path.of(Commands.lastLine(Commands.run(List.of(Commands.script("batch-addons.sh"), "crd", "jobset"))));
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static AlignmentRun run(String name) {
    client.resource(Manifests.dpoRun(name, "prefs", 0)).inNamespace(ns).create();
    return client.resources(AlignmentRun.class).inNamespace(ns).withName(name).get();
  }

  /** The run's dpo stage, its trainer on 2 pods under torchrun. */
  private static StageSpec stage(AlignmentRun run) {
    StageSpec dpo = RunPipeline.stages(run, new Dependencies(Map.of(), Map.of(), UriPolicy.of(OperatorConfig.defaults())))
        .stream().filter(s -> s.name().equals("dpo")).findFirst().orElseThrow();
    return new StageSpec("dpo", List.of(new StageRole(null, TrainerCommand.DPO.command(), null, null, TWO_PODS)),
        dpo.config(), null);
  }

  private static JobSettings settings(Scheduling scheduling) {
    return new JobSettings("trainer:1", "IfNotPresent", "workspace", scheduling, "1", "2Gi", "", List.of(), List.of(),
        List.of(), 0);
  }

  private static StageStatus running(String job) {
    StageStatus st = new StageStatus();
    st.name = "dpo";
    st.phase = StagePhase.Running;
    st.attempts = 1;
    st.job = job;
    return st;
  }

  /**
   * A pod of {@code job}'s completion index {@code rank} with its trainer ended, as the Job controller makes it when
   * {@code owned}, else planted with the same labels and no owner.
   */
  private static Pod endedPod(Job job, boolean owned, String name, int rank, int exitCode, String message,
      String finishedAt, Map<String, String> labels) {
    Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns)
        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
        .addToLabels(labels)
        .addToLabels("batch.kubernetes.io/job-name", job.getMetadata().getName())
        .addToLabels("batch.kubernetes.io/job-completion-index", String.valueOf(rank))
        .withOwnerReferences(owned ? List.of(controller(job)) : List.of())
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .build()).create();
    return client.resource(new PodBuilder(pod).editOrNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus().withName("trainer").withImage("trl:1").withImageID("").withReady(false)
        .withRestartCount(0).withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message)
        .withStartedAt(finishedAt).withFinishedAt(finishedAt).endTerminated().endState().endContainerStatus()
        .endStatus().build()).updateStatus();
  }

  private static OwnerReference controller(HasMetadata owner) {
    return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind()).withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
        .withController(true).build();
  }

  private static JobCondition jobCondition(String type, String now) {
    return new JobConditionBuilder().withType(type).withStatus("True").withReason("CompletionsReached")
        .withLastProbeTime(now).withLastTransitionTime(now).build();
  }
}

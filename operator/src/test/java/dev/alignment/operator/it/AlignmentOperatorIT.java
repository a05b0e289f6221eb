package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator, started from the same code as the jar, against a real kube-apiserver. The tests play the Job
 * controller and kubelet ({@link JobController}) and check what the operator creates and reports.
 */
class AlignmentOperatorIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String SUMMARY_VALIDATE = """
      {"output":"file:///workspace/%s/prefs/validate/dataset","digest":"sha256:abc",
       "metrics":{"trainPairs":900,"validationPairs":100,"skippedRows":3},"message":"validated 1003 rows"}""";

  private static AlignmentOperator operator;
  private String ns;

  @BeforeAll
  static void start() throws IOException {
    operator = startOperator();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @BeforeEach
  void namespace() {
    ns = plane.newNamespace("run");
  }

  private static AlignmentOperator startOperator() throws IOException {
    return plane.startOperator();
  }

  @Test
  void dpoRunWaitsForItsDatasetThenRunsItsStagesInOrderAndSucceeds() {
    apply(Manifests.dpoRun("quickstart", "prefs", 2));

    AlignmentRun waiting = awaitRun("quickstart", r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Pending);
    assertThat(condition(waiting, "Progressing").getReason()).isEqualTo("WaitingForPreferenceDataset");
    assertThat(condition(waiting, "Progressing").getMessage())
        .isEqualTo("waiting for PreferenceDataset prefs to be Ready (not found)");
    assertThat(stageJobs("AlignmentRun")).isEmpty();

    apply(Manifests.dataset("prefs", "builtin://sentiment/preferences"));
    Job validate = awaitJob("prefs-validate-1");
    assertThat(configOf("prefs-validate-config")).contains("\"source\" : \"builtin://sentiment/preferences\"");
    jobs.succeed(validate, SUMMARY_VALIDATE.formatted(ns));
    PreferenceDataset pds = await().atMost(TIMEOUT).until(() -> dataset("prefs"),
        d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Ready);
    assertThat(pds.getStatus().trainPairs).isEqualTo(900);
    assertThat(pds.getStatus().validationPairs).isEqualTo(100);
    assertThat(pds.getStatus().skippedRows).isEqualTo(3);
    assertThat(pds.getStatus().digest).isEqualTo("sha256:abc");
    assertThat(pds.getStatus().uri).isEqualTo("file:///workspace/" + ns + "/prefs/validate/dataset");

    Job sft = awaitJob("quickstart-sft-1");
    assertThat(stageJobs("AlignmentRun")).containsExactly("quickstart-sft-1");
    assertThat(sft.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    jobs.succeed(sft, "{\"output\":\"file:///workspace/%s/quickstart/sft/model\",\"metrics\":{\"loss\":2.1}}".formatted(ns));

    Job dpo = awaitJob("quickstart-dpo-1");
    assertThat(configOf("quickstart-dpo-config"))
        .contains("\"dataset\" : \"file:///workspace/" + ns + "/prefs/validate/dataset\"")
        .contains("\"uri\" : \"file:///workspace/" + ns + "/quickstart/sft/model\"");
    AlignmentRun running = awaitRun("quickstart", r -> r.getStatus().phase == RunPhase.Running
        && stage(r, "dpo").phase == StagePhase.Running);
    assertThat(stage(running, "sft").phase).isEqualTo(StagePhase.Succeeded);
    assertThat(stage(running, "sft").metrics).containsEntry("loss", 2.1);
    assertThat(running.getStatus().progress.stage).isEqualTo("dpo");
    jobs.succeed(dpo, "{\"output\":\"file:///workspace/%s/quickstart/dpo/model\",\"metrics\":{\"loss\":0.31,\"rewards/accuracies\":0.94}}".formatted(ns));

    Job eval = awaitJob("quickstart-eval-1");
    jobs.succeed(eval, """
        {"metrics":{"goldReward":0.62,"referenceGoldReward":0.11,"winRate":0.81,"kl":3.2,
        "rankingAccuracy":0.57,"idealizedRankingAccuracy":0.93,"alignmentGap":0.36}}""");

    AlignmentRun done = awaitRun("quickstart", r -> r.getStatus().phase == RunPhase.Succeeded);
    assertThat(condition(done, "Succeeded").getStatus()).isEqualTo("True");
    assertThat(condition(done, "Progressing").getStatus()).isEqualTo("False");
    assertThat(done.getStatus().observedGeneration).isEqualTo(done.getMetadata().getGeneration());
    assertThat(done.getStatus().results.winRate).isEqualTo(0.81);
    assertThat(done.getStatus().results.alignmentGap).isEqualTo(0.36);
    assertThat(done.getStatus().model).isEqualTo("file:///workspace/" + ns + "/quickstart/dpo/model");
    assertThat(stage(done, "dpo").metrics).containsEntry("rewards/accuracies", 0.94);
    assertThat(done.getStatus().stages).extracting(s -> s.name).containsExactly("sft", "dpo", "eval");
    assertThat(stageJobs("AlignmentRun")).containsExactly("quickstart-dpo-1", "quickstart-eval-1", "quickstart-sft-1");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("quickstart")).contains("StageStarted", "StageSucceeded"));
  }

  @Test
  void badInputFailsTheStageAtOnceWithTheTrainersMessage() {
    apply(Manifests.dataset("broken", "file:///workspace/" + ns + "/pairs.jsonl"));
    Job validate = awaitJob("broken-validate-1");

    jobs.fail(validate, 2, "{\"message\":\"/workspace/pairs.jsonl line 7: invalid JSON (unexpected end of input); line 12: missing field 'chosen'\"}");

    PreferenceDataset failed = await().atMost(TIMEOUT).until(() -> dataset("broken"),
        d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Failed);
    assertThat(failed.getStatus().message).isEqualTo(
        "stage validate failed: exit code 2: /workspace/pairs.jsonl line 7: invalid JSON (unexpected end of input); line 12: missing field 'chosen'");
    assertThat(failed.getStatus().conditions).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("Ready");
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("StageFailed");
    });
    assertThat(stageJobs("PreferenceDataset")).containsExactly("broken-validate-1");
  }

  @Test
  void retryableFailureRetriesWithBackoffThenFailsAfterMaxRetries() {
    readyDataset("prefs");
    apply(Manifests.dpoRun("flaky", "prefs", 1));
    jobs.fail(awaitJob("flaky-sft-1"), 137, "");

    Job second = awaitJob("flaky-sft-2");
    assertThat(second.getMetadata().getLabels()).containsEntry("alignment.dev/attempt", "2");
    AlignmentRun retrying = awaitRun("flaky", r -> stage(r, "sft").attempts == 2);
    assertThat(stage(retrying, "sft").failures).isEqualTo(1);
    assertThat(retrying.getStatus().phase).isEqualTo(RunPhase.Running);

    jobs.fail(second, 1, "java.lang.IllegalStateException: loss is NaN at step 40");

    AlignmentRun failed = awaitRun("flaky", r -> r.getStatus().phase == RunPhase.Failed);
    assertThat(stage(failed, "sft").message)
        .isEqualTo("failed after 2 attempt(s): exit code 1: java.lang.IllegalStateException: loss is NaN at step 40");
    assertThat(condition(failed, "Failed").getStatus()).isEqualTo("True");
    assertThat(stageJobs("AlignmentRun")).containsExactly("flaky-sft-1", "flaky-sft-2");
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("flaky")).contains("StageRetrying", "StageFailed"));
  }

  @Test
  void suspendRemovesTheRunningJobAndResumeContinuesWithTheNextAttempt() {
    readyDataset("prefs");
    apply(Manifests.dpoRun("pausable", "prefs", 2));
    awaitJob("pausable-sft-1");

    setSuspend("pausable", true);

    AlignmentRun suspended = awaitRun("pausable", r -> r.getStatus().phase == RunPhase.Suspended);
    assertThat(condition(suspended, "Suspended").getStatus()).isEqualTo("True");
    assertThat(stage(suspended, "sft").phase).isEqualTo(StagePhase.Suspended);
    await().atMost(TIMEOUT).until(() -> {
      Job job = client.batch().v1().jobs().inNamespace(ns).withName("pausable-sft-1").get();
      return job == null || job.getMetadata().getDeletionTimestamp() != null;
    });

    setSuspend("pausable", false);

    awaitJob("pausable-sft-2");
    AlignmentRun resumed = awaitRun("pausable", r -> r.getStatus().phase == RunPhase.Running);
    assertThat(stage(resumed, "sft").failures).isZero();
    assertThat(condition(resumed, "Suspended").getStatus()).isEqualTo("False");
  }

  @Test
  void restartingTheOperatorMidRunCreatesNoDuplicateAndLosesNoStatus() throws IOException {
    readyDataset("prefs");
    apply(Manifests.dpoRun("durable", "prefs", 2));
    Job sft = awaitJob("durable-sft-1");
    AlignmentRun before = awaitRun("durable", r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Running);

    operator.close();
    jobs.succeed(sft, "{\"metrics\":{\"loss\":1.9}}");
    operator = startOperator();

    Job dpo = awaitJob("durable-dpo-1");
    AlignmentRun after = awaitRun("durable", r -> stage(r, "dpo").phase == StagePhase.Running);
    assertThat(stage(after, "sft").startTime).isEqualTo(stage(before, "sft").startTime);
    assertThat(stage(after, "sft").metrics).containsEntry("loss", 1.9);
    assertThat(stageJobs("AlignmentRun")).containsExactly("durable-dpo-1", "durable-sft-1");

    operator.close();
    operator = startOperator();
    awaitRun("durable", r -> r.getStatus().observedGeneration != null);
    assertThat(stageJobs("AlignmentRun")).as("a second restart changes nothing")
        .containsExactly("durable-dpo-1", "durable-sft-1");
    assertThat(dpo.getMetadata().getUid())
        .isEqualTo(client.batch().v1().jobs().inNamespace(ns).withName("durable-dpo-1").get().getMetadata().getUid());
  }

  @Test
  void deletedRunLeavesOwnedObjectsToGarbageCollectionAndIsNotRecreated() {
    readyDataset("prefs");
    apply(Manifests.dpoRun("doomed", "prefs", 2));
    Job sft = awaitJob("doomed-sft-1");
    AlignmentRun run = awaitRun("doomed", r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Running);
    ConfigMap config = client.configMaps().inNamespace(ns).withName("doomed-sft-config").get();

    for (var owned : List.of(sft.getMetadata(), config.getMetadata())) {
      assertThat(owned.getOwnerReferences()).singleElement().satisfies(ref -> {
        assertThat(ref.getUid()).isEqualTo(run.getMetadata().getUid());
        assertThat(ref.getController()).isTrue();
        assertThat(ref.getBlockOwnerDeletion()).isTrue();
      });
    }
    assertThat(sft.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).as("the workspace is not owned").containsExactly("workspace");

    client.resources(AlignmentRun.class).inNamespace(ns).withName("doomed").delete();

    await().atMost(TIMEOUT).until(() -> client.resources(AlignmentRun.class).inNamespace(ns).withName("doomed").get() == null);
    // Let the operator see the deletion; it must not recreate anything for a run that is gone.
    apply(Manifests.dataset("after-delete", "builtin://sentiment/preferences"));
    awaitJob("after-delete-validate-1");
    assertThat(stageJobs("AlignmentRun")).containsExactly("doomed-sft-1");
  }

  @Test
  void rewardModelTrainsOnceItsDatasetIsReadyAndPpoRunUsesItsCheckpoint() {
    apply(Manifests.rewardModel("rm", "prefs"));
    apply(Manifests.ppoRun("ppo", "rm"));
    RewardModel pending = await().atMost(TIMEOUT).until(() -> rewardModel("rm"),
        m -> m.getStatus() != null && m.getStatus().phase == RewardModelPhase.Pending);
    assertThat(pending.getStatus().message).isEqualTo("waiting for PreferenceDataset prefs to be Ready (not found)");
    AlignmentRun waiting = awaitRun("ppo", r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Pending);
    assertThat(condition(waiting, "Progressing").getReason()).isEqualTo("WaitingForRewardModel");

    readyDataset("prefs");
    Job reward = awaitJob("rm-reward-1");
    jobs.succeed(reward, "{\"output\":\"file:///workspace/%s/rm/reward/model\",\"metrics\":{\"accuracy\":0.91,\"validationLoss\":0.27}}".formatted(ns));

    RewardModel ready = await().atMost(TIMEOUT).until(() -> rewardModel("rm"),
        m -> m.getStatus().phase == RewardModelPhase.Ready);
    assertThat(ready.getStatus().accuracy).isEqualTo(0.91);
    assertThat(ready.getStatus().validationLoss).isEqualTo(0.27);
    assertThat(ready.getStatus().checkpoint).isEqualTo("file:///workspace/" + ns + "/rm/reward/model");
    awaitJob("ppo-ppo-1");
    assertThat(configOf("ppo-ppo-config"))
        .contains("\"rewardModel\" : \"file:///workspace/" + ns + "/rm/reward/model\"")
        .contains("\"topology\" : \"Colocated\"");
  }

  @Test
  void splitPpoRunsActorAndCriticAsOnePairThatFailsAndRetriesTogether() {
    apply(Manifests.importedRewardModel("judge", "run://other/reward"));
    apply(Manifests.of("AlignmentRun", "split", """
        algorithm: PPO
        rewardModel: judge
        resources: {critic: {gpus: 1}}
        maxRetries: 2
        """));

    Job actor = awaitJob("split-ppo-actor-1");
    Job critic = awaitJob("split-ppo-critic-1");
    assertThat(critic.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).startsWith("ppo-critic");
    assertThat(critic.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(configOf("split-ppo-config"))
        .contains("\"url\" : \"http://split-ppo-critic." + ns + ".svc:8080\"").contains("\"topology\" : \"Split\"");
    assertThat(criticService().getSpec().getClusterIP()).isEqualTo("None");
    assertThat(criticService().getSpec().getSelector()).containsEntry("alignment.dev/attempt", "1");

    jobs.fail(critic, 137, "");
    await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName("split-ppo-actor-1").get() == null);
    Job actor2 = awaitJob("split-ppo-actor-2");
    Job critic2 = awaitJob("split-ppo-critic-2");
    AlignmentRun retried = awaitRun("split", r -> stage(r, "ppo").attempts == 2);
    assertThat(stage(retried, "ppo").failures).isEqualTo(1);
    assertThat(stage(retried, "ppo").job).isEqualTo("split-ppo-actor-2");
    assertThat(stage(retried, "ppo").roles).extracting(r -> r.job).containsExactly("split-ppo-actor-2", "split-ppo-critic-2");
    await().atMost(TIMEOUT).until(() -> criticService().getSpec().getSelector().get("alignment.dev/attempt"), "2"::equals);
    assertThat(actor.getMetadata().getName()).isEqualTo("split-ppo-actor-1");

    jobs.succeed(actor2, "{\"output\":\"file:///workspace/%s/split/ppo/model\",\"metrics\":{\"objective/kl\":2.5}}".formatted(ns));
    AlignmentRun criticStillRunning = awaitRun("split", r -> stage(r, "ppo").roles.get(0).phase == StagePhase.Succeeded);
    assertThat(stage(criticStillRunning, "ppo").phase).isEqualTo(StagePhase.Running);
    jobs.succeed(critic2, "{\"message\":\"value model saved\"}");

    awaitJob("split-eval-1");
    AlignmentRun evaluating = awaitRun("split", r -> stage(r, "ppo").phase == StagePhase.Succeeded);
    assertThat(stage(evaluating, "ppo").metrics).containsEntry("objective/kl", 2.5);
    assertThat(stage(evaluating, "ppo").roles).extracting(r -> r.phase)
        .containsExactly(StagePhase.Succeeded, StagePhase.Succeeded);
  }

  @Test
  void importedRewardModelIsReadyWithoutAJob() {
    apply(Manifests.importedRewardModel("imported", "run://other/reward"));

    RewardModel ready = await().atMost(TIMEOUT).until(() -> rewardModel("imported"),
        m -> m.getStatus() != null && m.getStatus().phase == RewardModelPhase.Ready);
    assertThat(ready.getStatus().checkpoint).isEqualTo("file:///workspace/" + ns + "/other/reward/model");
    assertThat(stageJobs("RewardModel")).isEmpty();
  }

  @Test
  void runningStageProgressComesFromItsTrainerAtABoundedRate() throws Exception {
    readyDataset("prefs");
    apply(Manifests.dpoRun("live", "prefs", 2));
    Job sft = awaitJob("live-sft-1");
    AtomicLong step = new AtomicLong(10);
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer trainer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    trainer.createContext("/metrics", exchange -> {
      queries.add(exchange.getRequestURI().getQuery());
      String labels = "{namespace=\"" + ns + "\",owner=\"live\",stage=\"sft\"}";
      byte[] body = ("alignment_trainer_step" + labels + " " + step.get() + "\n"
          + "alignment_trainer_total_steps" + labels + " 100\n"
          + "alignment_trainer_eta_seconds" + labels + " 30\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    trainer.start();
    try {
      jobs.start(sft, trainer.getAddress().getPort());

      AlignmentRun first = awaitRun("live", r -> r.getStatus().progress.step != null);
      assertThat(first.getStatus().progress.summary).isEqualTo("0/3 stages, sft 10/100");
      assertThat(first.getStatus().progress.eta).isEqualTo("30s");
      // The probe asks for its three series by name, so the trainer does not take it for a Prometheus scrape.
      assertThat(queries).first().isEqualTo(
          "name[]=alignment_trainer_step&name[]=alignment_trainer_total_steps&name[]=alignment_trainer_eta_seconds");

      // The trainer's step moves every 50 ms; the run's status may follow at most once per interval (1 s here).
      List<String> writes = new CopyOnWriteArrayList<>();
      try (Watch watch = client.resources(AlignmentRun.class).inNamespace(ns).withName("live").watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, AlignmentRun run) {
          writes.add(run.getMetadata().getResourceVersion());
        }

        @Override
        public void onClose(WatcherException cause) {}
      })) {
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
          step.addAndGet(1);
          Thread.sleep(50);
        }
      }
      AlignmentRun later = client.resources(AlignmentRun.class).inNamespace(ns).withName("live").get();
      assertThat(later.getStatus().progress.step).isGreaterThan(10);
      assertThat(writes).as("status writes in 4 s with a 1 s progress interval").hasSizeBetween(2, 6);
      String metrics = get(HttpClient.newHttpClient(), "http://localhost:" + operator.metricsPort() + "/metrics").body();
      assertThat(metrics).containsPattern("alignment_stage_scheduling_wait_seconds_count\\{gpu=\"true\",stage=\"sft\"} [1-9]");
    } finally {
      trainer.stop(0);
    }
  }

  @Test
  void metricsAndProbesAreServed() throws Exception {
    readyDataset("prefs");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + operator.metricsPort();

    await().atMost(TIMEOUT).until(() -> get(http, base + "/readyz").statusCode() == 200);
    assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
    String metrics = get(http, base + "/metrics").body();
    assertThat(metrics).contains("alignment_runs{algorithm=\"DPO\",phase=\"Pending\"}")
        .contains("operator_sdk_reconciliations").contains("jvm_memory_used_bytes")
        .containsPattern("kubernetes_client_requests_total\\{code=\"201\",resource=\"jobs\",verb=\"POST\"} [1-9]")
        .containsPattern("kubernetes_client_requests_total\\{code=\"101\",resource=\"alignmentruns\",verb=\"WATCH\"} [1-9]");
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private void apply(String yaml) {
    client.resource(yaml).inNamespace(ns).create();
  }

  private void readyDataset(String name) {
    apply(Manifests.dataset(name, "builtin://sentiment/preferences"));
    jobs.succeed(awaitJob(name + "-validate-1"), SUMMARY_VALIDATE.formatted(ns));
    await().atMost(TIMEOUT).until(() -> dataset(name),
        d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Ready);
  }

  /** As `kubectl patch --type merge` does it: no resourceVersion, so concurrent status writes do not conflict. */
  private void setSuspend(String run, boolean suspend) {
    client.resources(AlignmentRun.class).inNamespace(ns).withName(run)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
  }

  private Job awaitJob(String name) {
    return await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName(name).get(),
        job -> job != null);
  }

  private AlignmentRun awaitRun(String name, Predicate<AlignmentRun> condition) {
    return await().atMost(TIMEOUT).until(() -> client.resources(AlignmentRun.class).inNamespace(ns).withName(name).get(),
        r -> r != null && condition.test(r));
  }

  private PreferenceDataset dataset(String name) {
    return client.resources(PreferenceDataset.class).inNamespace(ns).withName(name).get();
  }

  private RewardModel rewardModel(String name) {
    return client.resources(RewardModel.class).inNamespace(ns).withName(name).get();
  }

  private List<String> stageJobs(String ownerKind) {
    return JobController.names(client.batch().v1().jobs().inNamespace(ns)
        .withLabel("alignment.dev/owner-kind", ownerKind).list().getItems());
  }

  private Service criticService() {
    return client.services().inNamespace(ns).withName("split-ppo-critic").get();
  }

  private String configOf(String configMap) {
    return client.configMaps().inNamespace(ns).withName(configMap).get().getData().get("config.json");
  }

  private List<String> events(String involved) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> involved.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
  }

  private static Condition condition(AlignmentRun run, String type) {
    return run.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private static StageStatus stage(AlignmentRun run, String name) {
    Optional<StageStatus> stage = run.getStatus() == null ? Optional.empty()
        : run.getStatus().stages.stream().filter(s -> s.name.equals(name)).findFirst();
    return stage.orElseGet(StageStatus::new);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

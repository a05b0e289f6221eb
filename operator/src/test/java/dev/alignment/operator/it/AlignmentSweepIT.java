package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AlignmentSweeps against a real kube-apiserver: children, maxParallel, the leaderboard, re-apply and edits. */
class AlignmentSweepIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static ControlPlane plane;
  private static KubernetesClient client;
  private static AlignmentOperator operator;
  private static JobController jobs;
  private String ns;

  @BeforeAll
  static void start() throws IOException {
    plane = ControlPlane.get();
    client = plane.client;
    jobs = new JobController(client);
    operator = plane.startOperator();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @BeforeEach
  void namespace() {
    ns = plane.newNamespace("sweep");
  }

  @Test
  void aGridRunsAtMostMaxParallelChildrenAtOnceAndEndsWithALeaderboard() {
    readyDataset("prefs");
    readyDataset("noisy");
    AtomicInteger mostUnfinished = new AtomicInteger();
    Map<String, RunPhase> phases = new ConcurrentHashMap<>();
    try (Watch ignored = client.resources(AlignmentRun.class).inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, AlignmentRun run) {
        if (action == Action.DELETED) {
          phases.remove(run.getMetadata().getName());
          return;
        }
        phases.put(run.getMetadata().getName(), run.getStatus() == null || run.getStatus().phase == null
            ? RunPhase.Pending : run.getStatus().phase);
        mostUnfinished.accumulateAndGet((int) phases.values().stream()
            .filter(p -> p != RunPhase.Succeeded && p != RunPhase.Failed).count(), Math::max);
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      apply(Manifests.sweep("study", 2, "noisy"));

      // Play trainer: each child's DPO then eval Job succeeds; win rates differ by cell so the ranking is known.
      Set<String> finished = new HashSet<>();
      await().atMost(Duration.ofMinutes(2)).until(() -> {
        for (AlignmentRun child : children()) {
          String name = child.getMetadata().getName();
          int cell = cellOf(child);
          finish(name + "-dpo-1", "{\"metrics\":{\"loss\":0.3}}", finished);
          finish(name + "-eval-1", "{\"metrics\":{\"winRate\":%s,\"kl\":%s}}".formatted(0.5 + 0.1 * cell, 2.0 + cell), finished);
        }
        AlignmentSweep sweep = sweep("study");
        return sweep.getStatus() != null && sweep.getStatus().phase == RunPhase.Succeeded;
      });
    }

    assertThat(mostUnfinished.get()).isEqualTo(2);
    AlignmentSweep done = sweep("study");
    assertThat(done.getStatus().counts.total).isEqualTo(4);
    assertThat(done.getStatus().counts.succeeded).isEqualTo(4);
    assertThat(done.getStatus().metric).isEqualTo("winRate");
    assertThat(done.getStatus().leaderboard).extracting(e -> e.cell).containsExactly(3, 2, 1, 0);
    assertThat(done.getStatus().leaderboard).extracting(e -> e.rank).containsExactly(1, 2, 3, 4);
    LeaderboardEntry best = done.getStatus().leaderboard.get(0);
    assertThat(best.parameters).containsExactly(Map.entry("algorithm", "IPO"), Map.entry("preferenceDataset", "noisy"));
    assertThat(best.value).isEqualTo(0.8);
    assertThat(best.results.kl).isEqualTo(5.0);
    assertThat(done.getStatus().observedGeneration).isEqualTo(done.getMetadata().getGeneration());
    AlignmentRun bestRun = client.resources(AlignmentRun.class).inNamespace(ns).withName(best.run).get();
    assertThat(bestRun.getSpec().algorithm.name()).isEqualTo("IPO");
    assertThat(bestRun.getSpec().preferenceDataset).isEqualTo("noisy");
    assertThat(bestRun.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(done.getMetadata().getUid()));
    await().atMost(TIMEOUT).untilAsserted(() ->
        assertThat(events("study")).contains("RunCreated", "Succeeded").doesNotContain("RunDeleted"));
  }

  @Test
  void reapplyingChangesNothingAndAnEditedValueReplacesOnlyItsChildren() {
    String manifest = Manifests.sweep("edit", 4, "noisy");
    client.resource(manifest).inNamespace(ns).serverSideApply();
    Map<String, String> before = await().atMost(TIMEOUT).until(this::childUids, uids -> uids.size() == 4);

    client.resource(manifest).inNamespace(ns).serverSideApply();
    AlignmentSweep same = await().atMost(TIMEOUT).until(() -> sweep("edit"),
        s -> s.getStatus() != null && s.getStatus().counts.total == 4);
    assertThat(same.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(childUids()).isEqualTo(before);

    client.resource(Manifests.sweep("edit", 4, "noisier")).inNamespace(ns).serverSideApply();
    Map<String, String> after = await().atMost(TIMEOUT).until(this::childUids, uids -> uids.size() == 4
        && uids.keySet().stream().filter(before::containsKey).count() == 2);

    Set<String> kept = after.keySet().stream().filter(before::containsKey).collect(Collectors.toSet());
    kept.forEach(name -> assertThat(after.get(name)).isEqualTo(before.get(name)));
    assertThat(kept).allSatisfy(name -> assertThat(child(name).getSpec().preferenceDataset).isEqualTo("prefs"));
    assertThat(after.keySet()).filteredOn(name -> !kept.contains(name))
        .allSatisfy(name -> assertThat(child(name).getSpec().preferenceDataset).isEqualTo("noisier"));
    await().atMost(TIMEOUT).untilAsserted(() ->
        assertThat(events("edit").stream().filter("RunDeleted"::equals)).hasSize(2));
  }

  @Test
  void aCellTheApiServerRefusesIsAFailedEntryNamingTheFieldAndTheOthersGoOn() {
    apply("""
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentSweep
        metadata: {name: betas}
        spec:
          template: {algorithm: DPO, preferenceDataset: prefs}
          matrix:
            parameters:
              - field: training.beta
                values: [0.1, -1]
        """);

    AlignmentSweep sweep = await().atMost(TIMEOUT).until(() -> sweep("betas"),
        s -> s.getStatus() != null && s.getStatus().counts.failed == 1);

    assertThat(children()).hasSize(1);
    LeaderboardEntry refused = sweep.getStatus().leaderboard.stream().filter(e -> e.cell == 1).findFirst().orElseThrow();
    assertThat(refused.phase).isEqualTo(RunPhase.Failed);
    assertThat(refused.message).startsWith("not created: ").contains("spec.training.beta");
    assertThat(sweep.getStatus().phase).isEqualTo(RunPhase.Running);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("betas")).contains("RunRejected"));
  }

  @Test
  void aMatrixFieldThatIsNotInTheRunSpecFailsTheSweepWithItsPath() {
    apply("""
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentSweep
        metadata: {name: typo}
        spec:
          template: {algorithm: DPO, preferenceDataset: prefs}
          matrix:
            parameters:
              - field: training.betta
                values: [0.1]
        """);

    AlignmentSweep sweep = await().atMost(TIMEOUT).until(() -> sweep("typo"),
        s -> s.getStatus() != null && s.getStatus().phase == RunPhase.Failed);

    assertThat(sweep.getStatus().message).startsWith("spec.matrix.parameters[0]: training.betta = 0.1 does not fit");
    assertThat(sweep.getStatus().conditions).filteredOn(c -> c.getType().equals("Failed"))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("InvalidMatrix"));
    assertThat(children()).isEmpty();
  }

  private void finish(String jobName, String summary, Set<String> finished) {
    Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
    if (job != null && finished.add(jobName)) {
      jobs.succeed(job, summary);
    }
  }

  private static int cellOf(AlignmentRun child) {
    String algorithm = child.getSpec().algorithm.name();
    String dataset = child.getSpec().preferenceDataset;
    return (algorithm.equals("IPO") ? 2 : 0) + (dataset.equals("noisy") ? 1 : 0);
  }

  private void apply(String yaml) {
    client.resource(yaml).inNamespace(ns).create();
  }

  private void readyDataset(String name) {
    apply(Manifests.dataset(name, "builtin://sentiment/preferences"));
    Job validate = await().atMost(TIMEOUT).until(
        () -> client.batch().v1().jobs().inNamespace(ns).withName(name + "-validate-1").get(), j -> j != null);
    jobs.succeed(validate, "{\"output\":\"file:///workspace/%s/%s/validate/dataset\",\"metrics\":{\"trainPairs\":900}}"
        .formatted(ns, name));
    await().atMost(TIMEOUT).until(() -> client.resources(PreferenceDataset.class).inNamespace(ns).withName(name).get(),
        d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Ready);
  }

  private AlignmentSweep sweep(String name) {
    return client.resources(AlignmentSweep.class).inNamespace(ns).withName(name).get();
  }

  private List<AlignmentRun> children() {
    return client.resources(AlignmentRun.class).inNamespace(ns).withLabel("alignment.dev/sweep").list().getItems();
  }

  private AlignmentRun child(String name) {
    return client.resources(AlignmentRun.class).inNamespace(ns).withName(name).get();
  }

  private Map<String, String> childUids() {
    return children().stream().filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r.getMetadata().getUid()));
  }

  private List<String> events(String involved) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> involved.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
  }
}

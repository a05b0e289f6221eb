package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.SweepCounts;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AlignmentSweeps against a real kube-apiserver: children, maxParallel, the leaderboard and its table, re-apply and
 * edits, the cap, creation in batches, and deletion during creation.
 */
class AlignmentSweepIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** This operator's sweep settings: small, so that a few hundred cells take many batches. */
  private static final int MAX_CELLS = 500;
  private static final int BATCH = 10;
  private static final int TOP = 5;

  private static AlignmentOperator operator;
  private String ns;

  @BeforeAll
  static void start() throws IOException {
    operator = AlignmentOperator.start(client, TestOperatorConfig.with(Map.of(
        "sweepMaxCells", MAX_CELLS, "sweepCreateBatch", BATCH, "sweepLeaderboardTop", TOP)));
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
    try (UnfinishedRuns unfinished = new UnfinishedRuns(client, ns)) {
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
      assertThat(unfinished.most()).isEqualTo(2);
    }
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
    apply(oneParameter("betas", "training.beta", "[0.1, -1]"));

    AlignmentSweep sweep = await().atMost(TIMEOUT).until(() -> sweep("betas"),
        s -> s.getStatus() != null && s.getStatus().counts.failed == 1);

    assertThat(children()).hasSize(1);
    LeaderboardEntry refused = sweep.getStatus().leaderboard.stream().filter(e -> e.cell == 1).findFirst().orElseThrow();
    assertThat(refused.phase).isEqualTo(RunPhase.Failed);
    assertThat(refused.notCreated).contains("spec.training.beta");
    assertThat(refused.message).startsWith("not created: ").contains("spec.training.beta");
    assertThat(sweep.getStatus().phase).isEqualTo(RunPhase.Running);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("betas")).contains("RunRejected"));
  }

  @Test
  void aMatrixFieldThatIsNotInTheRunSpecFailsTheSweepWithItsPath() {
    apply(oneParameter("typo", "training.betta", "[0.1]"));

    AlignmentSweep sweep = await().atMost(TIMEOUT).until(() -> sweep("typo"),
        s -> s.getStatus() != null && s.getStatus().phase == RunPhase.Failed);

    assertThat(sweep.getStatus().message).startsWith("spec.matrix.parameters[0]: training.betta = 0.1 does not fit");
    assertThat(sweep.getStatus().conditions).filteredOn(c -> c.getType().equals("Failed"))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("InvalidMatrix"));
    assertThat(children()).isEmpty();
  }

  @Test
  void aSweepOverTheCapIsFailedNamingItsCellsAndCreatesNothing() {
    apply(grid("huge", 51, 2));

    AlignmentSweep sweep = await().atMost(TIMEOUT).until(() -> sweep("huge"),
        s -> s.getStatus() != null && s.getStatus().phase == RunPhase.Failed);

    assertThat(sweep.getStatus().message).isEqualTo("spec.matrix makes 510 cells (51 x 2 x 5 values), over this "
        + "operator's cap of 500 cells per sweep (setting sweepMaxCells): use fewer values, or strategy Random with "
        + "fewer samples");
    assertThat(sweep.getStatus().conditions).filteredOn(c -> c.getType().equals("Failed"))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("InvalidMatrix"));
    assertThat(children()).isEmpty();
    assertThat(client.configMaps().inNamespace(ns).withName("huge-leaderboard").get()).isNull();
  }

  @Test
  void hundredsOfCellsAreCreatedInBatchesWithStatusWrittenAfterEachAndTheTableHoldsEveryCell() {
    List<SweepCounts> seen = new CopyOnWriteArrayList<>();
    List<String> messages = new CopyOnWriteArrayList<>();
    try (Watch ignored = client.resources(AlignmentSweep.class).inNamespace(ns).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, AlignmentSweep sweep) {
        if (sweep.getStatus() != null && sweep.getStatus().counts != null) {
          seen.add(sweep.getStatus().counts);
          messages.add(sweep.getStatus().message);
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      apply(grid("many", 60, 1));

      AlignmentSweep sweep = await().atMost(Duration.ofMinutes(2)).until(() -> sweep("many"),
          s -> s.getStatus() != null && s.getStatus().counts.created == 300);

      assertThat(children()).hasSize(300);
      List<Integer> created = seen.stream().map(c -> c.created).distinct().toList();
      assertThat(created).as("status written while creating").filteredOn(n -> n > 0 && n < 300)
          .hasSizeGreaterThanOrEqualTo(5);
      for (int i = 1; i < created.size(); i++) {
        assertThat(created.get(i) - created.get(i - 1)).as("created between two status writes").isBetween(1, BATCH);
      }
      assertThat(messages).anySatisfy(m -> assertThat(m).matches("creating runs: [1-9][0-9]* of 300 created; .*"));
      assertThat(sweep.getStatus().leaderboard).hasSize(TOP).extracting(e -> e.cell).containsExactly(0, 1, 2, 3, 4);
      assertThat(sweep.getStatus().table.configMap).isEqualTo("many-leaderboard");
      assertThat(sweep.getStatus().table.rows).isEqualTo(300);
      assertThat(sweep.getStatus().table.parts).isEqualTo(1);
      assertThat(sweep.getStatus().phase).isEqualTo(RunPhase.Running);

      Set<String> names = children().stream().map(r -> r.getMetadata().getName()).collect(Collectors.toSet());
      List<String> rows = await().atMost(TIMEOUT).until(() -> table("many-leaderboard"), lines -> lines.size() == 300);
      assertThat(rows.stream().map(AlignmentSweepIT::run).collect(Collectors.toSet())).isEqualTo(names);
      assertThat(rows.subList(0, TOP).stream().map(AlignmentSweepIT::run).toList())
          .isEqualTo(sweep.getStatus().leaderboard.stream().map(e -> e.run).toList());
      ConfigMap table = client.configMaps().inNamespace(ns).withName("many-leaderboard").get();
      assertThat(table.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
        assertThat(o.getUid()).isEqualTo(sweep.getMetadata().getUid());
        assertThat(o.getController()).isTrue();
      });
    }
  }

  @Test
  void deletingASweepWhileItCreatesChildrenStopsCreationWithinOneBatch() {
    apply(grid("doomed", 50, 2));
    await().atMost(TIMEOUT).until(() -> children().size() >= 2 * BATCH);

    client.resources(AlignmentSweep.class).inNamespace(ns).withName("doomed")
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    int atDelete = children().size();

    // There is no garbage collector in this control plane: every child created stays, so the count is final.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> children().size(), n -> n - atDelete <= BATCH);
    assertThat(atDelete).as("the sweep was deleted mid-creation").isLessThan(500);
  }

  @Test
  void aCreateTheApiServerForbidsIsInStatusAndCreationGoesOnWhenItIsAllowed() {
    client.resource(new ResourceQuotaBuilder().withNewMetadata().withName("runs").withNamespace(ns).endMetadata()
        .withNewSpec().addToHard("count/alignmentruns.alignment.dev", new Quantity("3")).endSpec().build()).create();
    // Play the quota controller: the quota admission plugin refuses creates until the quota has a status.
    client.resourceQuotas().inNamespace(ns).withName("runs").editStatus(quota -> new ResourceQuotaBuilder(quota)
        .withNewStatus().addToHard("count/alignmentruns.alignment.dev", new Quantity("3"))
        .addToUsed("count/alignmentruns.alignment.dev", new Quantity("0")).endStatus().build());

    apply(Manifests.sweep("quota", 10, "noisy"));

    AlignmentSweep sweep = await().atMost(TIMEOUT).until(() -> sweep("quota"),
        s -> s.getStatus() != null && s.getStatus().message != null && s.getStatus().message.startsWith("cannot create"));
    assertThat(sweep.getStatus().message).contains("refused (403)").contains("exceeded quota");
    assertThat(sweep.getStatus().conditions).filteredOn(c -> c.getType().equals("Progressing"))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo("CreateRefused"));
    assertThat(children()).hasSize(3);
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events("quota")).contains("CreateRefused"));

    client.resourceQuotas().inNamespace(ns).withName("runs").delete();
    await().atMost(TIMEOUT).until(() -> sweep("quota"), s -> s.getStatus().counts.created == 4);
    assertThat(sweep("quota").getStatus().message).doesNotContain("cannot create");
  }

  /** A sweep of one parameter over a DPO template. */
  private static String oneParameter(String name, String field, String values) {
    return Manifests.of("AlignmentSweep", name, """
        template: {algorithm: DPO, preferenceDataset: prefs}
        matrix:
          parameters:
            - {field: %s, values: %s}
        """.formatted(field, values));
  }

  /** A grid of training.seed 0..seeds-1 by training.steps 1..steps by five betas: seeds x steps x 5 cells. */
  private static String grid(String name, int seeds, int steps) {
    return Manifests.of("AlignmentSweep", name, """
        template: {algorithm: DPO, preferenceDataset: prefs}
        matrix:
          parameters:
            - field: training.seed
              values: %s
            - field: training.steps
              values: %s
            - field: training.beta
              values: [0.1, 0.2, 0.3, 0.4, 0.5]
        """.formatted(IntStream.range(0, seeds).boxed().toList(), IntStream.rangeClosed(1, steps).boxed().toList()));
  }

  /** The leaderboard table's lines, or none while its ConfigMap is absent. */
  private List<String> table(String configMap) {
    ConfigMap map = client.configMaps().inNamespace(ns).withName(configMap).get();
    if (map == null) {
      return List.of();
    }
    byte[] gzipped = Base64.getDecoder().decode(map.getBinaryData().get("leaderboard.jsonl.gz"));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(String tableLine) {
    try {
      return new ObjectMapper().readTree(tableLine).get("run").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

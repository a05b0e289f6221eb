package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.RunPhase;
import io.fabric8.kubernetes.client.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * examples/sweep/ as a user applies it: DPO vs PPO on clean vs noisy preference data, at most two runs at a time,
 * ending with a leaderboard; then the GitOps cycle: re-applying changes nothing, editing one value replaces only
 * the runs of the cells it touches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepE2EIT {
  private static final String SWEEP = "noise-x-algorithm";
  private static final Duration TIMEOUT = Duration.ofMinutes(15);
  private static LocalCluster cluster;
  private static String ns;
  private static final MostUnfinishedRuns runs = new MostUnfinishedRuns();
  private static Watch watch;

  @BeforeAll
  static void cluster() {
    cluster = LocalCluster.get();
    ns = cluster.newNamespace("sweep");
    // Every phase every child run passes through, to find the most that were unfinished at once.
    watch = cluster.client.resources(AlignmentRun.class).inNamespace(ns).watch(runs);
  }

  @AfterAll
  static void stopWatching() {
    watch.close();
  }

  @Test
  @Order(1)
  void theGridRunsAtMostTwoAtATimeAndEndsWithALeaderboard() {
    cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/sweep/");

    AlignmentSweep sweep = awaitSucceeded();

    assertThat(runs.most()).as("most child runs unfinished at once").isEqualTo(2);
    assertThat(sweep.getStatus().counts.total).isEqualTo(4);
    assertThat(sweep.getStatus().counts.succeeded).isEqualTo(4);
    List<LeaderboardEntry> board = sweep.getStatus().leaderboard;
    System.out.println("[sweep-e2e] leaderboard:\n" + cluster.kubectl(null, "get", "asweep", SWEEP, "-n", ns,
        "-o", "jsonpath={range .status.leaderboard[*]}{.rank} {.run} {.parameters} winRate={.results.winRate} kl={.results.kl}{\"\\n\"}{end}"));
    System.out.println("[sweep-e2e] reward models:\n" + cluster.kubectl(null, "get", "rewardmodels", "-n", ns,
        "-o", "jsonpath={range .items[*]}{.metadata.name} accuracy={.status.accuracy}{\"\\n\"}{end}"));
    assertThat(board).extracting(e -> e.rank).containsExactly(1, 2, 3, 4);
    assertThat(board).extracting(e -> e.value).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(board).allSatisfy(e -> assertThat(e.results.winRate).isEqualTo(e.value).isBetween(0.0, 1.0));
    assertThat(board).extracting(e -> e.parameters.get("algorithm")).haveExactly(2, contains("PPO"));
    assertThat(board.get(0).value).as("the best cell beats its SFT reference").isGreaterThan(0.5);
    assertThat(cluster.kubectl(null, "get", "asweep", "-n", ns)).contains(SWEEP).contains("Succeeded").contains(board.get(0).run);
  }

  @Test
  @Order(2)
  void reapplyingTheSameManifestChangesNothing() {
    Map<String, String> before = childUids();
    long generation = sweep().getMetadata().getGeneration();

    String out = cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/sweep/03-sweep.yaml");

    assertThat(out).contains("unchanged");
    assertThat(sweep().getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(childUids()).isEqualTo(before);
    assertThat(sweep().getStatus().phase).isEqualTo(RunPhase.Succeeded);
  }

  @Test
  @Order(3)
  void editingOneValueReplacesOnlyTheRunsOfItsCells() {
    Map<String, String> before = childUids();
    Map<String, String> ppoChildren = before.entrySet().stream()
        .filter(e -> child(e.getKey()).getSpec().algorithm.name().equals("PPO"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    // DPO becomes IPO: the two DPO cells change, the two PPO cells do not.
    cluster.kubectl(null, "patch", "asweep", SWEEP, "-n", ns, "--type=json",
        "-p", "[{\"op\": \"replace\", \"path\": \"/spec/matrix/parameters/0/values/0/algorithm\", \"value\": \"IPO\"}]");

    AlignmentSweep sweep = await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(this::sweep,
        s -> s.getStatus().observedGeneration == s.getMetadata().getGeneration() && s.getStatus().phase == RunPhase.Succeeded);
    Map<String, String> after = childUids();
    assertThat(after).hasSize(4).containsAllEntriesOf(ppoChildren);
    assertThat(after.keySet()).filteredOn(name -> !ppoChildren.containsKey(name))
        .hasSize(2).doesNotContainAnyElementsOf(before.keySet())
        .allSatisfy(name -> assertThat(child(name).getSpec().algorithm.name()).isEqualTo("IPO"));
    assertThat(sweep.getStatus().leaderboard).extracting(e -> e.parameters.get("algorithm"))
        .haveExactly(2, contains("IPO")).noneMatch(p -> p.contains("DPO"));
    assertThat(runs.most()).as("most child runs unfinished at once, edit included").isEqualTo(2);
  }

  private static org.assertj.core.api.Condition<String> contains(String text) {
    return new org.assertj.core.api.Condition<>(s -> s.contains(text), "contains " + text);
  }

  private AlignmentSweep awaitSucceeded() {
    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "asweep/" + SWEEP, "--timeout=" + TIMEOUT.toSeconds() + "s");
    return sweep();
  }

  private AlignmentSweep sweep() {
    return cluster.client.resources(AlignmentSweep.class).inNamespace(ns).withName(SWEEP).get();
  }

  private AlignmentRun child(String name) {
    return cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName(name).get();
  }

  private Map<String, String> childUids() {
    return cluster.client.resources(AlignmentRun.class).inNamespace(ns).withLabel("alignment.dev/sweep", SWEEP).list()
        .getItems().stream().filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r.getMetadata().getUid()));
  }
}

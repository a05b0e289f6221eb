package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.Results;
import dev.alignment.api.v1alpha1.StageStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The quickstart as a user runs it, then runs that start from its SFT model: IPO, PPO with actor and critic in
 * separate pods (each killed once on the way), and best-of-n.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickstartE2EIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static LocalCluster cluster;
  private static String ns;

  @BeforeAll
  static void cluster() {
    cluster = LocalCluster.get();
    ns = cluster.newNamespace("quickstart");
  }

  @Test
  @Order(1)
  void quickstartReachesSucceededWithItsResultsInStatus() {
    cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/quickstart/");

    AlignmentRun run = awaitSucceeded("quickstart");
    Results results = run.getStatus().results;
    assertThat(results.winRate).as("DPO beats its SFT reference (gold judge)").isGreaterThanOrEqualTo(0.65);
    assertThat(results.goldReward).isGreaterThan(results.referenceGoldReward);
    assertThat(results.kl).isPositive();
    assertThat(results.rankingAccuracy).isBetween(0.0, 1.0);
    assertThat(results.idealizedRankingAccuracy).isBetween(0.0, 1.0);
    assertThat(results.alignmentGap).isCloseTo(results.idealizedRankingAccuracy - results.rankingAccuracy, Offset.offset(1e-9));
    assertThat(run.getStatus().model).isEqualTo("file:///workspace/" + ns + "/quickstart/dpo/model");
    assertThat(run.getStatus().stages).extracting(s -> s.name).containsExactly("sft", "dpo", "eval");
    assertThat(cluster.workspace().resolve(ns + "/quickstart/dpo/model"))
        .as("the quickstart's preset is a Hugging Face GPT-2: its model is a Hugging Face directory")
        .isDirectoryContaining("glob:**/config.json").isDirectoryContaining("glob:**/model.safetensors")
        .isDirectoryContaining("glob:**/tokenizer.json");
    RewardModel rm = cluster.client.resources(RewardModel.class).inNamespace(ns).withName("sentiment-rm").get();
    assertThat(rm.getStatus().accuracy).as("reward model held-out accuracy").isGreaterThanOrEqualTo(0.85);
    assertThat(cluster.client.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getStatus().getPhase())
        .containsOnly("Succeeded");
    assertThat(cluster.kubectl(null, "get", "aruns", "-n", ns)).contains("quickstart").contains("Succeeded");
  }

  @Test
  @Order(2)
  void ipoRunStartsFromTheQuickstartSftModelAndSucceeds() {
    exampleRunBeatsItsReference("examples/ipo/ipo-run.yaml", "quickstart-ipo", "dpo", "eval");

    String config = cluster.client.configMaps().inNamespace(ns).withName("quickstart-ipo-dpo-config").get()
        .getData().get("config.json");
    assertThat(config).contains("\"loss\" : \"IPO\"").contains("/workspace/" + ns + "/quickstart/sft/model");
    Pod dpo = cluster.client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "quickstart-ipo-dpo-1")
        .list().getItems().get(0);
    assertThat(dpo.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
  }

  @Test
  @Order(3)
  void ppoSurvivesLosingItsActorThenItsCriticResumesFromCheckpointsAndBeatsTheReference() throws Exception {
    AlignmentRun run;
    Path checkpoints = cluster.workspace().resolve(ns + "/quickstart-ppo/ppo/checkpoints");
    try (ProgressLog progress = ProgressLog.watch(cluster.client, ns, "quickstart-ppo", "ppo")) {
      cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/ppo/ppo-run.yaml");

      int first = awaitCheckpointAfter(checkpoints, 0);
      int afterActorKill = progress.mark();
      kill("actor");
      int second = awaitCheckpointAfter(checkpoints, first);
      int afterCriticKill = progress.mark();
      kill("critic");

      run = awaitSucceeded("quickstart-ppo");

      assertThat(progress.since(afterActorKill)).as("steps after the actor was killed at checkpoint " + first)
          .isNotEmpty().allSatisfy(step -> assertThat(step).isGreaterThanOrEqualTo(first));
      assertThat(progress.since(afterCriticKill)).as("steps after the critic was killed at checkpoint " + second)
          .isNotEmpty().allSatisfy(step -> assertThat(step).isGreaterThanOrEqualTo(second));
    }
    StageStatus ppo = run.getStatus().stages.stream().filter(s -> s.name.equals("ppo")).findFirst().orElseThrow();
    assertThat(ppo.roles).extracting(r -> r.name + " " + r.phase).containsExactly("actor Succeeded", "critic Succeeded");
    String finalActorLog = cluster.kubectl(null, "logs", "-n", ns, "job/" + ppo.job);
    assertThat(finalActorLog).as("the last attempt resumed, it did not start over").contains("resumed from checkpoint at step");
    assertThat(ppo.metrics).containsKeys("objective/kl", "objective/rlhf_reward", "kl_coef");
    assertThat(run.getStatus().results.winRate).as("PPO beats its SFT reference (gold judge)").isGreaterThanOrEqualTo(0.65);
    assertThat(run.getStatus().results.kl).isPositive();
    assertThat(cluster.client.services().inNamespace(ns).withName("quickstart-ppo-ppo-critic").get().getSpec().getClusterIP())
        .isEqualTo("None");
  }

  @Test
  @Order(4)
  void bestOfEightPicksBeatTheReference() {
    AlignmentRun run = exampleRunBeatsItsReference("examples/ppo/best-of-n.yaml", "quickstart-best-of-8", "best-of-n", "eval");

    assertThat(run.getStatus().results.goldReward).isGreaterThan(run.getStatus().results.referenceGoldReward);
  }

  /** Applies an example, waits for its run to succeed through {@code stages} and checks it beats its reference. */
  private static AlignmentRun exampleRunBeatsItsReference(String example, String run, String... stages) {
    cluster.kubectl(null, "apply", "-n", ns, "-f", example);
    AlignmentRun done = awaitSucceeded(run);
    assertThat(done.getStatus().stages).extracting(s -> s.name).containsExactly(stages);
    assertThat(done.getStatus().results.winRate).as("win rate against the reference").isGreaterThan(0.5);
    return done;
  }

  /** Waits as a user would, with {@code kubectl wait}, then reads the run. */
  private static AlignmentRun awaitSucceeded(String run) {
    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/" + run,
        "--timeout=" + RUN_TIMEOUT.toSeconds() + "s");
    return cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName(run).get();
  }

  /** The newest complete checkpoint's step once it is past {@code step}. */
  private static int awaitCheckpointAfter(Path checkpoints, int step) {
    return await().atMost(RUN_TIMEOUT).until(() -> newestCheckpoint(checkpoints), s -> s > step);
  }

  private static int newestCheckpoint(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.list(checkpoints)) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d+"))
          .mapToInt(n -> Integer.parseInt(n.substring("step-".length()))).max().orElse(0);
    }
  }

  /** Deletes the running pod of a PPO role as a node failure would take it: one second to stop, then killed. */
  private static void kill(String role) {
    Pod pod = await().atMost(RUN_TIMEOUT).until(() -> cluster.client.pods().inNamespace(ns)
        .withLabel("alignment.dev/owner", "quickstart-ppo").withLabel("alignment.dev/role", role).list().getItems()
        .stream().filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst(), Optional::isPresent).get();
    cluster.kubectl(null, "delete", "pod", "-n", ns, pod.getMetadata().getName(), "--grace-period=1");
  }
}

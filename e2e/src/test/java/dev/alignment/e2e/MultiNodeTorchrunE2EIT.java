package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.StageStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/multinode on the local cluster with JobSet running: DPO on the TRL runtime (examples/runtimes) across 2 pods,
 * torchrun with gloo on the CPU, on the GPT-2 fixture in place of a user's model. The stage is one JobSet; both ranks
 * report the same loss at every step; a pod deleted mid-run restarts the whole group, which resumes from its
 * checkpoint within the same attempt; the run Succeeds and the DJL eval stage judges the model TRL wrote.
 */
class MultiNodeTorchrunE2EIT {
  private static final Pattern STEP_LINE = Pattern.compile("^step (\\d+)/\\d+ (loss \\S+)", Pattern.MULTILINE);
  private static final Pattern RESUMED = Pattern.compile("resumed from checkpoint at step (\\d+)");
  private static LocalCluster cluster;
  private static String ns;
  private static String trlImage;

  @BeforeAll
  static void clusterWithJobSetAndTheTrlRuntime() throws IOException {
    cluster = BatchAddons.get().cluster;
    trlImage = Shell.lastLine(Shell.script("hack/trl-image.sh"));
    ns = cluster.newNamespace("multinode");
    Path models = cluster.workspace().resolve(ns).resolve("models");
    Files.createDirectories(models);
    // hostPath ignores fsGroup: the trainer (uid 65532) writes its outputs next to the model, under /workspace/<ns>.
    Files.setPosixFilePermissions(models.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    ModelCopy.copyFixture("gpt2", models.resolve("gpt2"));
    cluster.kubectl(example("runtimes/02-runtime-trl.yaml").replace("alignment-trainer-trl:0.1.0", trlImage),
        "apply", "-f", "-");
  }

  @Test
  void twoPodDpoTrainsAsOneGroupSurvivesLosingAPodAndIsJudgedByTheReferenceEval() throws IOException {
    cluster.apply(ns, example("multinode/01-preference-dataset.yaml"));
    cluster.apply(ns, scaledDown(example("multinode/02-dpo-2-pods.yaml")));

    Path checkpoints = cluster.workspace().resolve(ns + "/dpo-2-pods/dpo/checkpoints");
    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
        .until(() -> ranks().size() == 2 && completeCheckpoint(checkpoints));
    Pod rankOne = ranks().get(1);
    cluster.kubectl(null, "delete", "pod", "-n", ns, rankOne.getMetadata().getName(), "--wait=false");

    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/dpo-2-pods", "--timeout=900s");
    AlignmentRun run = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName("dpo-2-pods").get();
    StageStatus dpo = stage(run, "dpo");
    assertThat(dpo.attempts).as("the group's restart is not an operator attempt").isEqualTo(1);
    assertThat(dpo.restarts).as("losing a pod restarted the group").isGreaterThanOrEqualTo(1);

    List<Pod> last = ranks();
    String rank0 = log(last.get(0));
    String rank1 = log(last.get(1));
    Matcher resumed = RESUMED.matcher(rank0);
    assertThat(resumed.find()).as("rank 0 of the restarted group resumed:\n%s", rank0).isTrue();
    assertThat(Integer.parseInt(resumed.group(1))).isGreaterThanOrEqualTo(5);
    assertThat(steps(rank0)).as("both ranks report the same loss at each step").isNotEmpty().isEqualTo(steps(rank1));

    assertThat(stage(run, "eval").phase.toString()).isEqualTo("Succeeded");
    assertThat(cluster.kubectl(null, "get", "jobs", "-n", ns, "-l", "alignment.dev/owner=dpo-2-pods,alignment.dev/stage=eval",
        "-o", "jsonpath={.items[*].spec.template.spec.containers[0].image}")).as("eval on the reference runtime")
        .startsWith("alignment-trainer:");
    assertThat(run.getStatus().results.winRate).isBetween(0.0, 1.0);
    Path model = cluster.workspace().resolve(run.getStatus().model.substring("file:///workspace/".length()));
    assertThat(Files.readString(model.resolve("config.json"))).contains("GPT2LMHeadModel");
    System.out.printf("dpo across 2 pods: %s (restarts %d)%n",
        Duration.between(Instant.parse(dpo.startTime), Instant.parse(dpo.completionTime)), dpo.restarts);
  }

  /** The running stage's pods, rank 0 first. */
  private static List<Pod> ranks() {
    return cluster.client.pods().inNamespace(ns)
        .withLabels(Map.of("alignment.dev/owner", "dpo-2-pods", "alignment.dev/stage", "dpo")).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .sorted((a, b) -> index(a).compareTo(index(b))).toList();
  }

  private static String index(Pod pod) {
    return pod.getMetadata().getLabels().getOrDefault("batch.kubernetes.io/job-completion-index", "");
  }

  private static boolean completeCheckpoint(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return false;
    }
    try (var dirs = Files.list(checkpoints)) {
      return dirs.anyMatch(d -> Files.exists(d.resolve("alignment-complete")));
    }
  }

  private static String log(Pod pod) {
    return cluster.kubectl(null, "logs", "-n", ns, pod.getMetadata().getName());
  }

  /** Each progress line's step and loss. */
  private static List<String> steps(String log) {
    return STEP_LINE.matcher(log).results().map(m -> m.group(1) + " " + m.group(2)).toList();
  }

  private static StageStatus stage(AlignmentRun run, String name) {
    return run.getStatus().stages.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
  }

  private static String example(String file) throws IOException {
    return Files.readString(Shell.ROOT.resolve("examples").resolve(file));
  }

  /** The example with the fixture in place of the user's model, sized for two pods on a two-core node. */
  private static String scaledDown(String manifest) {
    return manifest.replace("file:///workspace/team-a/models/gpt2", "file:///workspace/" + ns + "/models/gpt2")
        .replace("training: {steps: 50,", "checkpointEvery: 5\n  training: {steps: 60,")
        .replace("evaluation: {samples: 32}", "evaluation: {samples: 16}")
        .replace("trainer: {nodes: 2, cpu: \"2\", memory: 4Gi}", "trainer: {nodes: 2, cpu: 500m, memory: 3Gi}\n    eval: {cpu: 500m, memory: 2Gi}");
  }
}

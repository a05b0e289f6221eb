package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad input fails with the trainer's line-numbered message; deleting a running run removes its pods. */
class FailureAndCleanupE2EIT {
  @Test
  void badDatasetEndsFailedWithAMessageNamingEachBadLine() {
    LocalCluster cluster = LocalCluster.get();
    String ns = cluster.newNamespace("bad-data");

    cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/bad-dataset/bad-dataset.yaml");

    PreferenceDataset failed = await().atMost(Duration.ofMinutes(3)).until(
        () -> cluster.client.resources(PreferenceDataset.class).inNamespace(ns).withName("hand-labelled").get(),
        d -> d.getStatus() != null && d.getStatus().phase == DatasetPhase.Failed);
    assertThat(failed.getStatus().message)
        .contains("/etc/alignment/input/pairs.jsonl")
        .contains("3 malformed lines")
        .contains("line 2: bad JSON")
        .contains("line 3: missing field 'chosen'")
        .contains("line 4: field 'chosen' is empty");
    assertThat(failed.getStatus().stages.get(0).attempts).as("bad input is not retried").isEqualTo(1);
    assertThat(cluster.kubectl(null, "get", "pds", "hand-labelled", "-n", ns)).contains("Failed");
  }

  @Test
  void progressMovesInStatusWhileAStageRunsThenDeletingTheRunRemovesItsPodsButNotItsData() {
    LocalCluster cluster = LocalCluster.get();
    String ns = cluster.newNamespace("delete");
    cluster.apply(ns, SmallRuns.documents(SmallRuns.dataset("prefs"), SmallRuns.run("doomed", "prefs", 0, 5000, 20)));
    Path checkpoints = cluster.workspace().resolve(ns + "/doomed/sft/checkpoints");
    await().atMost(Duration.ofMinutes(5)).until(() -> Files.isDirectory(checkpoints));

    // The operator (in its pod) reads the trainer pod's /metrics; kubectl shows the step moving.
    long first = await().atMost(Duration.ofMinutes(1)).until(() -> step(cluster, ns, "doomed"), s -> s > 0);
    await().atMost(Duration.ofMinutes(1)).until(() -> step(cluster, ns, "doomed"), s -> s > first);
    assertThat(cluster.kubectl(null, "get", "arun", "doomed", "-n", ns)).containsPattern("0/3 stages, sft \\d+/5000");

    cluster.kubectl(null, "delete", "arun", "doomed", "-n", ns, "--wait=true");

    await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
      assertThat(cluster.client.pods().inNamespace(ns).withLabel("alignment.dev/owner", "doomed").list().getItems()).isEmpty();
      assertThat(cluster.client.batch().v1().jobs().inNamespace(ns).withLabel("alignment.dev/owner", "doomed").list().getItems()).isEmpty();
      assertThat(cluster.client.configMaps().inNamespace(ns).withLabel("alignment.dev/owner", "doomed").list().getItems()).isEmpty();
    });
    assertThat(checkpoints).as("workspace data is kept").isDirectory();
  }

  private static long step(LocalCluster cluster, String ns, String run) {
    AlignmentRun r = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName(run).get();
    return r.getStatus() == null || r.getStatus().progress == null || r.getStatus().progress.step == null
        ? 0 : r.getStatus().progress.step;
  }
}

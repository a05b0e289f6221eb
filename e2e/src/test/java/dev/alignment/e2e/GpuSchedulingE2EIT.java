package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The node has 4 nvidia.com/gpu; two runs asking for 3 each cannot run at once, and the scheduler says why. */
class GpuSchedulingE2EIT {
  @Test
  void runThatAsksForMoreGpusThanAreFreeWaitsPendingThenRunsWhenTheyFreeUp() {
    LocalCluster cluster = LocalCluster.get();
    String ns = cluster.newNamespace("gpus");
    cluster.apply(ns, SmallRuns.documents(SmallRuns.dataset("prefs"), SmallRuns.run("first", "prefs", 3, 300, 20)));
    await().atMost(Duration.ofMinutes(5)).until(() -> podPhase(cluster, ns, "first-sft-1").filter("Running"::equals).isPresent());

    cluster.apply(ns, SmallRuns.run("second", "prefs", 3, 20, 20));

    PodCondition unschedulable = await().atMost(Duration.ofMinutes(2)).until(
        () -> scheduledCondition(cluster, ns, "second-sft-1"),
        c -> c != null && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()));
    assertThat(unschedulable.getMessage()).contains("Insufficient nvidia.com/gpu");
    assertThat(podPhase(cluster, ns, "first-sft-1")).contains("Running");
    await().atMost(Duration.ofSeconds(30)).until(
        () -> cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName("second").get(),
        r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Running);

    for (String run : List.of("first", "second")) {
      cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/" + run, "--timeout=600s");
    }
    assertThat(cluster.client.nodes().list().getItems().get(0).getStatus().getAllocatable())
        .containsKey("nvidia.com/gpu");
  }

  private static Optional<String> podPhase(LocalCluster cluster, String ns, String job) {
    return pod(cluster, ns, job).map(p -> p.getStatus().getPhase());
  }

  private static PodCondition scheduledCondition(LocalCluster cluster, String ns, String job) {
    return pod(cluster, ns, job).flatMap(p -> p.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType())).findFirst()).orElse(null);
  }

  private static Optional<Pod> pod(LocalCluster cluster, String ns, String job) {
    return cluster.client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", job).list().getItems()
        .stream().findFirst();
  }
}

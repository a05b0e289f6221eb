package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.StageStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gangs under Kueue on the local cluster (Kueue and JobSet running, the node advertising 4 nvidia.com/gpu), with the
 * queues of examples/multinode: two queued PPO Split runs each need 3 GPUs across 2 pods (an actor of 2, a critic of
 * 1). Each PPO attempt is one JobSet that Kueue admits as one workload: one gang runs whole while the other has no
 * pod at all, then the other runs. Without gangs the second run's critic would start beside the first and hold a GPU
 * its actor can never join.
 */
class KueueGangE2EIT {
  private static final String JOBSET_API = "jobset.x-k8s.io/v1alpha2";
  private static final String OWNER = "alignment.dev/owner";
  private static final String STAGE = "alignment.dev/stage";

  @Test
  void twoPpoGangsOfThreeGpusOnAQuotaOfFourRunOneAtATimeEachWhole() throws IOException {
    BatchAddons addons = BatchAddons.get();
    LocalCluster cluster = addons.cluster;
    String ns = cluster.newNamespace("gangs");
    cluster.apply(ns, Files.readString(Shell.ROOT.resolve("examples/multinode/03-kueue-queues.yaml"))
        .replace("namespace: team-a", "namespace: " + ns));
    cluster.apply(ns, SmallRuns.documents(SmallRuns.dataset("prefs"), rewardModel(), ppo("first"), ppo("second")));

    // Both PPO stages are submitted as soon as the reward model is ready; Kueue lets one in.
    String admitted = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
        .until(() -> runningGang(cluster, ns), g -> g != null);
    String waiting = admitted.equals("first") ? "second" : "first";
    GenericKubernetesResource waitingSet = await().atMost(Duration.ofMinutes(2))
        .until(() -> jobSet(cluster, ns, waiting), js -> js != null);
    assertThat(suspended(waitingSet)).as("the second gang is held whole by Kueue").isTrue();
    assertThat(pods(cluster, ns, waiting)).as("the second gang has no pod at all").isEmpty();
    GenericKubernetesResource workload = await().atMost(Duration.ofMinutes(1)).until(
        () -> addons.workload(ns, "JobSet", jobSet(cluster, ns, admitted).getMetadata().getName()).orElse(null),
        w -> w != null);
    assertThat(podSetNames(workload)).as("actor and critic are one workload").containsExactlyInAnyOrder("actor", "critic");

    for (String run : List.of("first", "second")) {
      cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/" + run, "--timeout=900s");
      AlignmentRun done = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName(run).get();
      StageStatus ppo = done.getStatus().stages.stream().filter(s -> s.name.equals("ppo")).findFirst().orElseThrow();
      assertThat(ppo.attempts).as("%s admitted once, whole", run).isEqualTo(1);
      assertThat(ppo.roles).extracting(r -> r.name + " " + r.phase).containsExactly("actor Succeeded", "critic Succeeded");
    }
  }

  /** The run whose PPO gang has both its pods running, or null while none has. */
  private static String runningGang(LocalCluster cluster, String ns) {
    for (String run : List.of("first", "second")) {
      List<Pod> pods = pods(cluster, ns, run);
      if (pods.size() == 2 && pods.stream().allMatch(p -> "Running".equals(p.getStatus().getPhase()))) {
        return run;
      }
    }
    return null;
  }

  private static List<Pod> pods(LocalCluster cluster, String ns, String run) {
    return cluster.client.pods().inNamespace(ns).withLabels(Map.of(OWNER, run, STAGE, "ppo")).list().getItems();
  }

  private static GenericKubernetesResource jobSet(LocalCluster cluster, String ns, String run) {
    return cluster.client.genericKubernetesResources(JOBSET_API, "JobSet").inNamespace(ns)
        .withLabels(Map.of(OWNER, run, STAGE, "ppo")).list().getItems().stream().findFirst().orElse(null);
  }

  private static boolean suspended(GenericKubernetesResource jobSet) {
    return Boolean.TRUE.equals(((Map<?, ?>) jobSet.getAdditionalProperties().get("spec")).get("suspend"));
  }

  private static List<String> podSetNames(GenericKubernetesResource workload) {
    List<?> podSets = (List<?>) ((Map<?, ?>) workload.getAdditionalProperties().get("spec")).get("podSets");
    return podSets.stream().map(p -> String.valueOf(((Map<?, ?>) p).get("name"))).toList();
  }

  private static String rewardModel() {
    return SmallRuns.manifest("RewardModel", "rm", """
        preferenceDataset: prefs
        model: {uri: "builtin://tiny"}
        training: {steps: 20, batchSize: 16, learningRate: 0.001}
        resources: {cpu: 500m, memory: 1Gi}
        """);
  }

  /** PPO Split in the queue: an actor of 2 GPUs and a critic of 1, small and short on the CPU. */
  private static String ppo(String name) {
    return SmallRuns.manifest("AlignmentRun", name, """
        algorithm: PPO
        rewardModel: rm
        model: {uri: "builtin://tiny"}
        training: {steps: 12, batchSize: 8, learningRate: 0.0005}
        ppo: {topology: Split, rolloutBatchSize: 8, epochs: 1, maxNewTokens: 8}
        evaluation: {samples: 16}
        scheduling: {queueName: gpus}
        resources:
          trainer: {gpus: 2, cpu: 250m, memory: 1Gi}
          critic: {gpus: 1, cpu: 250m, memory: 1Gi}
          eval: {cpu: 250m, memory: 1Gi}
        """);
  }
}

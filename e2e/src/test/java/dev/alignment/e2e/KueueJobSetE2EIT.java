package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gang admission by Kueue of JobSets on the local cluster: a quota of 4 GPUs, two JobSets of 2 pods needing 3 GPUs
 * each (an "actor" pod with 2, a "critic" pod with 1). One runs whole; the other has no pod at all while its Workload
 * waits for quota, and runs once the first has finished. Each JobSet's pods wait until the test releases them (a file
 * on the workspace volume), so the order of events is the test's, not a timer's.
 */
class KueueJobSetE2EIT {
  private static final String QUEUE = "gangs";

  @Test
  void aGangIsAdmittedWholeOrNotAtAllAndTheNextRunsWhenQuotaFrees() throws IOException {
    BatchAddons addons = BatchAddons.get();
    LocalCluster cluster = addons.cluster;
    String ns = cluster.newNamespace("gangs");
    addons.gpuQueue(ns, QUEUE, 4);

    cluster.apply(ns, jobSet("first", ns));
    await().atMost(Duration.ofMinutes(3)).until(() -> runningPods(cluster, ns, "first"), pods -> pods.size() == 2);
    GenericKubernetesResource first = addons.workload(ns, "JobSet", "first").orElseThrow();
    assertThat(BatchAddons.condition(first, "Admitted")).get().extracting(c -> c.get("status")).isEqualTo("True");

    cluster.apply(ns, jobSet("second", ns));
    Map<String, Object> pending = await().atMost(Duration.ofMinutes(1)).until(
        () -> addons.workload(ns, "JobSet", "second").flatMap(w -> BatchAddons.condition(w, "QuotaReserved")).orElse(null),
        c -> c != null && "False".equals(c.get("status")));
    assertThat((String) pending.get("message")).contains("insufficient unused quota").contains("nvidia.com/gpu");
    assertThat(pods(cluster, ns, "second")).as("pods of the JobSet that waits for quota").isEmpty();
    assertThat(jobSetField(cluster, ns, "second", "{.spec.suspend}")).isEqualTo("true");
    assertThat(runningPods(cluster, ns, "first")).hasSize(2);

    release(cluster, ns, "first");
    await().atMost(Duration.ofMinutes(2)).until(() -> jobSetField(cluster, ns, "first", "{.status.terminalState}"),
        "Completed"::equals);
    await().atMost(Duration.ofMinutes(2)).until(() -> runningPods(cluster, ns, "second"), pods -> pods.size() == 2);
    assertThat(BatchAddons.condition(addons.workload(ns, "JobSet", "second").orElseThrow(), "Admitted")).get()
        .extracting(c -> c.get("status")).isEqualTo("True");

    release(cluster, ns, "second");
    await().atMost(Duration.ofMinutes(2)).until(() -> jobSetField(cluster, ns, "second", "{.status.terminalState}"),
        "Completed"::equals);
  }

  /** Two replicated jobs of one pod each, 2 + 1 GPUs, in the queue; each pod exits 0 once released. */
  private static String jobSet(String name, String ns) {
    return """
        apiVersion: jobset.x-k8s.io/v1alpha2
        kind: JobSet
        metadata:
          name: %1$s
          labels: {%3$s: %4$s}
        spec:
          replicatedJobs:
          - name: actor
            template: {spec: {backoffLimit: 0, template: {spec: %5$s}}}
          - name: critic
            template: {spec: {backoffLimit: 0, template: {spec: %6$s}}}
        """.formatted(name, ns, BatchAddons.QUEUE_LABEL, QUEUE, podSpec(name, ns, 2), podSpec(name, ns, 1));
  }

  private static String podSpec(String name, String ns, int gpus) {
    // Restricted Pod Security (the test namespaces enforce it); the trainer image is on the node already.
    return """
        {restartPolicy: Never, securityContext: {runAsNonRoot: true, runAsUser: 65532, seccompProfile: {type: RuntimeDefault}},
         containers: [{name: worker, image: alignment-trainer:0.1.0, imagePullPolicy: Never,
           command: [sh, -c, 'until [ -e /workspace/%2$s/release-%1$s ]; do sleep 1; done'],
           resources: {limits: {nvidia.com/gpu: %3$d}},
           securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}},
           volumeMounts: [{name: workspace, mountPath: /workspace, readOnly: true}]}],
         volumes: [{name: workspace, persistentVolumeClaim: {claimName: alignment-workspace}}]}"""
        .formatted(name, ns, gpus).replace("\n", " ");
  }

  private static void release(LocalCluster cluster, String ns, String name) throws IOException {
    Files.writeString(cluster.workspace().resolve(ns).resolve("release-" + name), "");
  }

  private static List<Pod> pods(LocalCluster cluster, String ns, String jobSet) {
    return cluster.client.pods().inNamespace(ns).withLabel("jobset.sigs.k8s.io/jobset-name", jobSet).list().getItems();
  }

  private static List<Pod> runningPods(LocalCluster cluster, String ns, String jobSet) {
    return pods(cluster, ns, jobSet).stream().filter(p -> "Running".equals(p.getStatus().getPhase())).toList();
  }

  private static String jobSetField(LocalCluster cluster, String ns, String name, String jsonPath) {
    return cluster.kubectl(null, "get", "-n", ns, "jobset", name, "-o", "jsonpath=" + jsonPath);
  }
}

package dev.alignment.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kueue and JobSet on the local cluster (hack/batch-addons.sh: both controllers as processes on this machine, with
 * upstream's CRDs and webhooks), started once per test JVM by the tests that need them, and the Kueue objects those
 * tests use: a GPU quota for one namespace and the Workloads Kueue makes for what is queued there.
 */
final class BatchAddons {
  /** The label that puts a Job or JobSet in a LocalQueue. */
  static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
  private static final String KUEUE = "kueue.x-k8s.io/v1beta2";
  private static BatchAddons instance;

  final LocalCluster cluster;

  private BatchAddons(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * The local cluster with Kueue and JobSet running. When they were not running before, they are stopped at the end
   * (their webhook configurations removed), so that a cluster the developer keeps does not go on calling them.
   */
  static synchronized BatchAddons get() {
    if (instance == null) {
      LocalCluster cluster = LocalCluster.get();
      boolean alreadyUp = Shell.script("hack/batch-addons.sh", "status").lines().allMatch(l -> l.contains(": running"));
      // One at a time: on a fresh machine each is a build of minutes from the Go module proxy.
      Shell.script("hack/batch-addons.sh", "build", "jobset");
      Shell.script("hack/batch-addons.sh", "build", "kueue");
      Shell.script("hack/batch-addons.sh", "up");
      // The operator looks for the JobSet API once, at start-up; LocalCluster installed it before the API was here.
      cluster.kubectl(null, "rollout", "restart", "deployment/alignment-operator", "-n", "alignment-system");
      cluster.kubectl(null, "rollout", "status", "deployment/alignment-operator", "-n", "alignment-system",
          "--timeout=180s");
      if (!alreadyUp) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Shell.script("hack/batch-addons.sh", "stop"), "batch-addons-stop"));
      }
      instance = new BatchAddons(cluster);
    }
    return instance;
  }

  /**
   * A ClusterQueue admitting only {@code namespace}'s workloads with a quota of {@code gpus} nvidia.com/gpu (and no
   * other resource, so pods that request only GPUs are admitted on it), its ResourceFlavor, and the namespace's
   * LocalQueue {@code queue} pointing at it. Cluster-scoped names carry the namespace's, which is unique per test.
   */
  void gpuQueue(String namespace, String queue, int gpus) {
    cluster.kubectl("""
        apiVersion: %1$s
        kind: ResourceFlavor
        metadata: {name: %2$s-gpu}
        ---
        apiVersion: %1$s
        kind: ClusterQueue
        metadata: {name: %2$s}
        spec:
          namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %2$s}}
          resourceGroups:
          - coveredResources: [nvidia.com/gpu]
            flavors:
            - name: %2$s-gpu
              resources: [{name: nvidia.com/gpu, nominalQuota: %4$d}]
        ---
        apiVersion: %1$s
        kind: LocalQueue
        metadata: {name: %3$s, namespace: %2$s}
        spec: {clusterQueue: %2$s}
        """.formatted(KUEUE, namespace, queue, gpus), "apply", "-f", "-");
  }

  /** The Workload Kueue made for the object of {@code kind} named {@code owner} in {@code namespace}, once it exists. */
  Optional<GenericKubernetesResource> workload(String namespace, String kind, String owner) {
    return cluster.client.genericKubernetesResources(KUEUE, "Workload").inNamespace(namespace).list().getItems().stream()
        .filter(w -> w.getMetadata().getOwnerReferences().stream().map(OwnerReference::getKind).anyMatch(kind::equals)
            && w.getMetadata().getOwnerReferences().stream().map(OwnerReference::getName).anyMatch(owner::equals))
        .findFirst();
  }

  /** A Workload's condition of {@code type} (Admitted, QuotaReserved, Finished ...), as its fields. */
  static Optional<Map<String, Object>> condition(GenericKubernetesResource workload, String type) {
    Object status = workload.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> fields) || !(fields.get("conditions") instanceof List<?> conditions)) {
      return Optional.empty();
    }
    return conditions.stream().filter(Map.class::isInstance).map(c -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> condition = (Map<String, Object>) c;
      return condition;
    }).filter(c -> type.equals(c.get("type"))).findFirst();
  }
}

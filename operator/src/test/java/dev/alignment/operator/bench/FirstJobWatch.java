package dev.alignment.operator.bench;

import dev.alignment.operator.job.JobLabels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the stage Jobs the operator creates for AlignmentRuns (by its labels) and records, per run
 * ({@code namespace/name}), the {@link System#nanoTime()} its first Job was seen.
 */
final class FirstJobWatch implements ResourceEventHandler<Job>, AutoCloseable {
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Job> informer;

  FirstJobWatch(KubernetesClient client) {
    informer = client.batch().v1().jobs().inAnyNamespace()
        .withLabelSelector(JobLabels.selectorFor("AlignmentRun")).inform(this);
  }

  @Override
  public void onAdd(Job job) {
    long now = System.nanoTime();
    String run = job.getMetadata().getLabels().get(JobLabels.OWNER);
    firstSeen.putIfAbsent(job.getMetadata().getNamespace() + "/" + run, now);
  }

  @Override
  public void onUpdate(Job before, Job after) {
    onAdd(after);
  }

  @Override
  public void onDelete(Job job, boolean finalStateUnknown) {
    // The first sighting stands.
  }

  int runsWithJob() {
    return firstSeen.size();
  }

  Map<String, Long> firstSeen() {
    return Map.copyOf(firstSeen);
  }

  @Override
  public void close() {
    informer.close();
  }
}

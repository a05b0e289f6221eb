package dev.alignment.operator.bench;

import dev.alignment.api.v1alpha1.AlignmentRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Watches every AlignmentRun's status phase; a run the operator has not written a status for yet is "none". */
final class RunPhaseWatch implements ResourceEventHandler<AlignmentRun>, AutoCloseable {
  static final String NONE = "none";
  private final Map<String, String> phases = new ConcurrentHashMap<>();
  private final SharedIndexInformer<AlignmentRun> informer;

  RunPhaseWatch(KubernetesClient client) {
    informer = client.resources(AlignmentRun.class).inAnyNamespace().inform(this);
  }

  @Override
  public void onAdd(AlignmentRun run) {
    String phase = run.getStatus() == null || run.getStatus().phase == null ? NONE : run.getStatus().phase.name();
    phases.put(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName(), phase);
  }

  @Override
  public void onUpdate(AlignmentRun before, AlignmentRun after) {
    onAdd(after);
  }

  @Override
  public void onDelete(AlignmentRun run, boolean finalStateUnknown) {
    phases.remove(run.getMetadata().getNamespace() + "/" + run.getMetadata().getName());
  }

  /** Runs per phase. */
  Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    phases.values().forEach(phase -> counts.merge(phase, 1L, Long::sum));
    return counts;
  }

  /** Runs whose status the operator has moved past Pending (for these runs, to Running once the Job exists). */
  long pastPending() {
    return phases.values().stream().filter(p -> !p.equals(NONE) && !p.equals("Pending")).count();
  }

  @Override
  public void close() {
    informer.close();
  }
}

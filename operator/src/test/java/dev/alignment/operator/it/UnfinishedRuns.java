package dev.alignment.operator.it;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every phase every run of a namespace passes through, as a watch delivers them, and the most runs that were
 * unfinished (neither Succeeded nor Failed) at once.
 */
final class UnfinishedRuns implements Watcher<AlignmentRun>, AutoCloseable {
  private final Map<String, RunPhase> phases = new ConcurrentHashMap<>();
  private final AtomicInteger most = new AtomicInteger();
  private final Watch watch;

  UnfinishedRuns(KubernetesClient client, String namespace) {
    watch = client.resources(AlignmentRun.class).inNamespace(namespace).watch(this);
  }

  /** The most runs unfinished at once so far. */
  int most() {
    return most.get();
  }

  @Override
  public void eventReceived(Action action, AlignmentRun run) {
    String name = run.getMetadata().getName();
    if (action == Action.DELETED) {
      phases.remove(name);
      return;
    }
    phases.put(name, run.getStatus() == null || run.getStatus().phase == null ? RunPhase.Pending : run.getStatus().phase);
    long unfinished = phases.values().stream().filter(p -> p != RunPhase.Succeeded && p != RunPhase.Failed).count();
    most.accumulateAndGet((int) unfinished, Math::max);
  }

  @Override
  public void onClose(WatcherException cause) {}

  @Override
  public void close() {
    watch.close();
  }
}

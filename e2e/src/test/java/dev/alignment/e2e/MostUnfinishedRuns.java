package dev.alignment.e2e;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Watches AlignmentRuns and keeps the most that were unfinished (neither Succeeded nor Failed) at the same time. */
final class MostUnfinishedRuns implements Watcher<AlignmentRun> {
  private final Set<String> unfinished = ConcurrentHashMap.newKeySet();
  private final AtomicInteger most = new AtomicInteger();

  @Override
  public void eventReceived(Action action, AlignmentRun run) {
    String name = run.getMetadata().getName();
    RunPhase phase = run.getStatus() == null ? null : run.getStatus().phase;
    if (action == Action.DELETED || phase == RunPhase.Succeeded || phase == RunPhase.Failed) {
      unfinished.remove(name);
    } else {
      unfinished.add(name);
    }
    most.accumulateAndGet(unfinished.size(), Math::max);
  }

  @Override
  public void onClose(WatcherException cause) {}

  int most() {
    return most.get();
  }
}

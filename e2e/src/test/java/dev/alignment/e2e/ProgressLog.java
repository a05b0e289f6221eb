package dev.alignment.e2e;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every step a run's status reported for one stage, in order, from a watch on the run. */
final class ProgressLog implements AutoCloseable {
  private final List<Long> steps = new CopyOnWriteArrayList<>();
  private final Watch watch;

  private ProgressLog(KubernetesClient client, String namespace, String run, String stage) {
    this.watch = client.resources(AlignmentRun.class).inNamespace(namespace).withName(run).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, AlignmentRun r) {
        Progress p = r.getStatus() == null ? null : r.getStatus().progress;
        if (p != null && stage.equals(p.stage) && p.step != null) {
          steps.add(p.step);
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  static ProgressLog watch(KubernetesClient client, String namespace, String run, String stage) {
    return new ProgressLog(client, namespace, run, stage);
  }

  /** How many steps have been reported so far: a mark to read the later ones from. */
  int mark() {
    return steps.size();
  }

  /** The steps reported since {@code mark}. */
  List<Long> since(int mark) {
    return List.copyOf(steps.subList(mark, steps.size()));
  }

  @Override
  public void close() {
    watch.close();
  }
}

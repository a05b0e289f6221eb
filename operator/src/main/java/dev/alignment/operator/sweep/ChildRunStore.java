package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The sweep controller's cache of child runs, keeping of each only what a sweep reads: its identity, owner and
 * outcome. Spec, stages, conditions and managed fields are most of a run's size, and the run controller caches
 * every run in full already; at 10,000 children the full copies were about 100 MB of heap.
 */
public final class ChildRunStore extends BasicItemStore<AlignmentRun> {
  public ChildRunStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public AlignmentRun put(String key, AlignmentRun run) {
    return super.put(key, pruned(run));
  }

  static AlignmentRun pruned(AlignmentRun run) {
    AlignmentRun kept = new AlignmentRun();
    kept.setMetadata(new ObjectMetaBuilder()
        .withName(run.getMetadata().getName())
        .withNamespace(run.getMetadata().getNamespace())
        .withUid(run.getMetadata().getUid())
        .withResourceVersion(run.getMetadata().getResourceVersion())
        .withGeneration(run.getMetadata().getGeneration())
        .withDeletionTimestamp(run.getMetadata().getDeletionTimestamp())
        .withLabels(run.getMetadata().getLabels())
        .withOwnerReferences(run.getMetadata().getOwnerReferences())
        .build());
    if (run.getStatus() != null) {
      kept.setStatus(new AlignmentRunStatus());
      kept.getStatus().phase = run.getStatus().phase;
      kept.getStatus().results = run.getStatus().results;
      kept.getStatus().message = run.getStatus().message;
    }
    return kept;
  }
}

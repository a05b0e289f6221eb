package dev.alignment.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.UnaryOperator;

/** An informer cache that keeps of each object only what the operator reads, so 10,000 Jobs cost little heap. */
final class PruningItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  private final UnaryOperator<T> prune;

  PruningItemStore(UnaryOperator<T> prune) {
    super(Cache::metaNamespaceKeyFunc);
    this.prune = prune;
  }

  @Override
  public T put(String key, T object) {
    return super.put(key, prune.apply(object));
  }
}

package dev.alignment.operator.bench;

import dev.alignment.api.v1alpha1.AlignmentRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load: creates runs by server-side apply from a pool of client threads, as fast as the API server takes them,
 * and records the {@link System#nanoTime()} each create was acknowledged.
 */
final class RunBurst {
  static final String FIELD_MANAGER = "alignment-bench";

  /**
   * @param startedNanos when the first create was sent
   * @param ackedNanos per run ({@code namespace/name}), when its create was acknowledged
   * @param failures creates the API server refused (after the client's retries), with the error
   */
  record Result(long startedNanos, Map<String, Long> ackedNanos, Map<String, String> failures) {
    long lastAckNanos() {
      return ackedNanos.values().stream().mapToLong(Long::longValue).max().orElse(startedNanos);
    }
  }

  private RunBurst() {}

  static Result create(KubernetesClient client, List<AlignmentRun> runs, int parallel, AtomicInteger done)
      throws InterruptedException {
    Map<String, Long> acked = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    long started = System.nanoTime();
    for (AlignmentRun run : runs) {
      pool.execute(() -> {
        String key = run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
        try {
          client.resource(run).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
          acked.put(key, System.nanoTime());
        } catch (RuntimeException e) {
          failures.put(key, e.getMessage());
        }
        done.incrementAndGet();
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
      pool.shutdownNow();
      throw new IllegalStateException("creating " + runs.size() + " runs took over an hour");
    }
    return new Result(started, Map.copyOf(acked), Map.copyOf(failures));
  }
}

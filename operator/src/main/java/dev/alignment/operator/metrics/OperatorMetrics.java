package dev.alignment.operator.metrics;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.operator.status.StageTransition;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The operator's domain meters (names in docs/metrics.md): runs by phase and algorithm, stage durations by
 * outcome, stage retries, time spent waiting for dependencies and for scheduling. JOSDK's own reconcile meters sit beside them.
 */
public final class OperatorMetrics {
  private final MeterRegistry registry;
  private final AtomicReference<ResourceCache<AlignmentRun>> runs = new AtomicReference<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (RunPhase phase : RunPhase.values()) {
      for (Algorithm algorithm : Algorithm.values()) {
        Gauge.builder("alignment.runs", () -> countRuns(phase, algorithm))
            .description("AlignmentRuns by phase and algorithm")
            .tag("phase", phase.name())
            .tag("algorithm", algorithm.name())
            .register(registry);
      }
    }
  }

  /** Lets the runs gauge count from the AlignmentRun informer cache. */
  public void countRunsFrom(ResourceCache<AlignmentRun> cache) {
    runs.set(cache);
  }

  /** The AlignmentRuns in the informer cache (none before the reconciler has started). */
  public Stream<AlignmentRun> cachedRuns() {
    ResourceCache<AlignmentRun> cache = runs.get();
    return cache == null ? Stream.empty() : cache.list();
  }

  /** Records finished stages (duration by outcome) and retries. */
  public void record(String kind, List<StageTransition> transitions) {
    for (StageTransition t : transitions) {
      StagePhase phase = t.stage().phase;
      boolean finished = t.reached(StagePhase.Succeeded) || t.reached(StagePhase.Failed);
      if (finished && t.stage().startTime != null && t.stage().completionTime != null) {
        Duration took = Duration.between(Instant.parse(t.stage().startTime), Instant.parse(t.stage().completionTime));
        // Job conditions carry whole seconds, so a sub-second stage can seem to end before it started.
        took = took.isNegative() ? Duration.ZERO : took;
        Timer.builder("alignment.stage.duration")
            .description("Wall time of a stage from its first attempt's start to its outcome")
            .tags("kind", kind, "stage", t.stage().name, "outcome", phase.name())
            .register(registry)
            .record(took);
      }
      if (t.retried()) {
        Counter.builder("alignment.stage.retries")
            .description("Retryable stage failures that led to another attempt")
            .tags("kind", kind, "stage", t.stage().name)
            .register(registry)
            .increment();
      }
    }
  }

  /** Records how long a resource waited for a dependency (a dataset or reward model) before it could start. */
  public void dependencyWaitEnded(String kind, String reason, Duration waited) {
    Timer.builder("alignment.dependency.wait")
        .description("Time resources waited for referenced datasets or reward models to become Ready")
        .tags("kind", kind, "reason", reason)
        .register(registry)
        .record(waited);
  }

  /** Records how long a stage pod waited from its creation to being scheduled onto a node. */
  public void schedulingWaitEnded(String stage, boolean requestsGpus, Duration waited) {
    Timer.builder("alignment.stage.scheduling.wait")
        .description("Time stage pods waited from creation until scheduled (GPU or other capacity)")
        .tags("stage", stage == null ? "" : stage, "gpu", String.valueOf(requestsGpus))
        .register(registry)
        .record(waited);
  }

  /** Counts reconciles that threw: on an invalid spec (the resource fails in status) or any other error (retried). */
  public void reconcileError(String kind, boolean invalidSpec) {
    Counter.builder("alignment.reconcile.errors")
        .description("Reconciles that threw, by kind and cause (InvalidSpec: failed in status; Error: retried)")
        .tags("kind", kind, "cause", invalidSpec ? "InvalidSpec" : "Error")
        .register(registry)
        .increment();
  }

  /** Counts objects of ours the API server returned but that did not fit the operator's types. */
  public void decodeFailure(String kind) {
    Counter.builder("alignment.decode.failures")
        .description("Objects that could not be read into the operator's types; each fails in status as InvalidSpec")
        .tags("kind", kind)
        .register(registry)
        .increment();
  }

  private double countRuns(RunPhase phase, Algorithm algorithm) {
    return cachedRuns()
        .filter(r -> r.getSpec() != null && r.getSpec().algorithm == algorithm)
        .filter(r -> (r.getStatus() == null || r.getStatus().phase == null ? RunPhase.Pending : r.getStatus().phase) == phase)
        .count();
  }
}

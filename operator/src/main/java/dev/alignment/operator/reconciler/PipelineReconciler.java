package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.api.v1alpha1.TrainerRuntime;
import dev.alignment.operator.runtime.LaunchResolver;
import dev.alignment.operator.runtime.Resolution;
import dev.alignment.operator.runtime.RuntimeCatalog;
import dev.alignment.operator.runtime.RuntimeSelection;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the reconcilers of stage pipelines share: the stage driver, the watch on their stage Jobs (and JobSets) and on
 * the trainer runtimes they run on, the Launch of each stage role, and a spec's failure shown like any other plan.
 *
 * @param <P> the kind; first, as JOSDK takes a reconciler's kind from its superclass's first type argument
 */
abstract class PipelineReconciler<P extends CustomResource<T, S>, T, S> extends BaseReconciler<P, T, S> {
  final StageDriver driver;

  PipelineReconciler(StageDriver driver, ReconcileErrors errors, Supplier<S> emptyStatus) {
    super(errors, emptyStatus);
    this.driver = driver;
  }

  @Override
  public final List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
    List<EventSource<?, P>> sources = new ArrayList<>(List.of(StageJobEventSource.of(context),
        ReferenceEventSources.clusterScopedByName(context, TrainerRuntime.class,
            primary -> runtimes(primary.getSpec()).runtimes())));
    if (driver.jobs().jobSets()) {
      sources.add(StageJobSetEventSource.of(context));
    }
    sources.addAll(inputEventSources(context));
    return sources;
  }

  /** Event sources of what the pipeline reads besides its stage Jobs and runtimes; made once, as the controller starts. */
  abstract List<EventSource<?, P>> inputEventSources(EventSourceContext<P> context);

  /** The runtimes a spec's stages run on. */
  abstract RuntimeSelection runtimes(T spec);

  /**
   * The stages with each role's Launch, from the TrainerRuntimes in the cache; the stages {@code prior} records as
   * finished are left as they are. A refusal throws, failing the spec.
   */
  final Resolution launched(T spec, List<StageSpec> stages, S prior, Context<P> context) {
    Set<String> finished = stages(prior).stream()
        .filter(s -> s.phase == StagePhase.Succeeded || s.phase == StagePhase.Failed)
        .map(s -> s.name).collect(Collectors.toSet());
    return LaunchResolver.resolve(runtimes(spec), stages, finished,
        RuntimeCatalog.of(context.getSecondaryResources(TrainerRuntime.class), driver.config()));
  }

  /** The kind's status for a plan. */
  abstract S status(P primary, StagePlan plan, Instant now);

  /** The stages a status records. */
  abstract List<StageStatus> stages(S status);

  @Override
  final S invalid(P primary, S prior, String message) {
    return status(primary, ReconcileErrors.invalidSpec(stages(prior), message), driver.clock().instant());
  }

  /** Drives the pipeline and writes the status made from its plan, with its Events and metrics. */
  StagePlan driveAndPublish(P primary, S prior, StageDriver.Request request, Context<P> context) {
    StagePlan plan = driver.drive(request, context);
    driver.publisher().publish(primary, status(primary, plan, driver.clock().instant()), stages(prior), plan, context);
    return plan;
  }
}

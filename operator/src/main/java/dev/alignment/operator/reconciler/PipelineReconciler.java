package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.stage.StagePlan;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the reconcilers of stage pipelines share: the stage driver, the watch on their stage Jobs (and JobSets), and a spec's
 * failure shown like any other plan.
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
    List<EventSource<?, P>> sources = new ArrayList<>(List.of(StageJobEventSource.of(context)));
    if (driver.jobs().jobSets()) {
      sources.add(StageJobSetEventSource.of(context));
    }
    sources.addAll(inputEventSources(context));
    return sources;
  }

  /** Event sources of what the pipeline reads besides its stage Jobs; made once, as the controller starts. */
  abstract List<EventSource<?, P>> inputEventSources(EventSourceContext<P> context);

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

package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.status.StageTransition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/** The end of every reconcile: the one status write, then Events and metrics for the stages that changed. */
final class StatusPublisher {
  private final EventRecorder events;
  private final OperatorMetrics metrics;

  StatusPublisher(EventRecorder events, OperatorMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  /** Returns true when the status changed and was written. */
  <S, P extends CustomResource<?, S>> boolean publish(
      P primary, S status, List<StageStatus> before, StagePlan plan, Context<P> context) {
    if (!StatusWriter.write(primary, status, context)) {
      return false;
    }
    List<StageTransition> transitions = StageTransition.between(before, plan.stages());
    events.record(primary, transitions, plan.refusals());
    metrics.record(primary.getKind(), transitions);
    return true;
  }

  /** No timed wake-up unless a retry backoff is running. */
  static <P extends CustomResource<?, ?>> UpdateControl<P> requeueFor(StagePlan plan) {
    return plan.requeueAfter().map(after -> UpdateControl.<P>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }
}

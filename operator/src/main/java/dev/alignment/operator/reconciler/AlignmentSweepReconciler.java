package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.AlignmentSweepStatus;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.sweep.ChildRun;
import dev.alignment.operator.sweep.SweepChildren;
import dev.alignment.operator.sweep.SweepPlan;
import dev.alignment.operator.sweep.SweepPlanner;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Keeps an AlignmentSweep's child runs to its matrix and ranks them: observe children -> plan -> create/delete -> status. */
@ControllerConfiguration(name = "alignmentsweep")
public class AlignmentSweepReconciler implements Reconciler<AlignmentSweep> {
  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;

  AlignmentSweepReconciler(KubernetesClient client, EventRecorder events, Clock clock) {
    this.client = client;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, AlignmentSweep>> prepareEventSources(EventSourceContext<AlignmentSweep> context) {
    // Child runs map to their sweep through the controller owner reference.
    return List.of(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(AlignmentRun.class, AlignmentSweep.class)
            .withLabelSelector(SweepChildren.SWEEP_LABEL)
            .build(),
        context));
  }

  @Override
  public UpdateControl<AlignmentSweep> reconcile(AlignmentSweep sweep, Context<AlignmentSweep> context) {
    Map<String, AlignmentRun> children = context.getSecondaryResources(AlignmentRun.class).stream()
        .collect(Collectors.toMap(run -> run.getMetadata().getName(), Function.identity()));
    Map<String, String> rejected = new HashMap<>(priorRejections(sweep));
    SweepPlan plan = SweepPlanner.plan(new SweepPlanner.Input(sweep, children, rejected, clock.instant()));
    for (String name : plan.deletes()) {
      if (children.get(name).getMetadata().getDeletionTimestamp() == null) {
        client.resource(children.get(name)).delete();
        events.post(sweep, "Normal", Reasons.RUN_DELETED, "deleted run " + name + ": its cell is no longer in the matrix");
      }
    }
    // A refused create frees its slot for the next cell: plan again until every create went through or was refused.
    while (!plan.creates().isEmpty()) {
      int refusedBefore = rejected.size();
      for (ChildRun child : plan.creates()) {
        create(sweep, child, rejected).ifPresent(run -> children.put(child.name(), run));
      }
      if (rejected.size() == refusedBefore) {
        break;
      }
      plan = SweepPlanner.plan(new SweepPlanner.Input(sweep, children, rejected, clock.instant()));
    }
    RunPhase before = sweep.getStatus() == null ? null : sweep.getStatus().phase;
    RunPhase after = plan.status().phase;
    if (StatusWriter.write(sweep, plan.status(), context) && after != before
        && (after == RunPhase.Succeeded || after == RunPhase.Failed)) {
      events.post(sweep, after == RunPhase.Succeeded ? "Normal" : "Warning",
          after == RunPhase.Succeeded ? Reasons.SUCCEEDED : Reasons.FAILED, plan.status().message);
    }
    return UpdateControl.noUpdate();
  }

  /** Creates a child; a refusal by admission is recorded in {@code rejected}, not thrown. */
  private Optional<AlignmentRun> create(AlignmentSweep sweep, ChildRun child, Map<String, String> rejected) {
    AlignmentRun desired = SweepChildren.desired(sweep, child);
    try {
      AlignmentRun created = client.resource(desired).create();
      events.post(sweep, "Normal", Reasons.RUN_CREATED, "created run " + child.name() + " for " + child.cell().parameters());
      return Optional.of(created);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Optional.of(desired); // created by an earlier reconcile whose event has not reached the cache yet
      }
      if (e.getCode() != 422 && e.getCode() != 400) {
        throw e;
      }
      String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
      rejected.put(child.name(), reason);
      events.post(sweep, "Warning", Reasons.RUN_REJECTED,
          "run " + child.name() + " for " + child.cell().parameters() + " was refused: " + reason);
      return Optional.empty();
    }
  }

  /** Runs refused at this generation stay refused: the same spec would be refused again. */
  private static Map<String, String> priorRejections(AlignmentSweep sweep) {
    AlignmentSweepStatus status = sweep.getStatus();
    if (status == null || !Objects.equals(status.observedGeneration, sweep.getMetadata().getGeneration())) {
      return Map.of();
    }
    return status.leaderboard.stream()
        .filter(e -> e.phase == RunPhase.Failed && e.message != null && e.message.startsWith(SweepPlanner.NOT_CREATED))
        .collect(Collectors.toMap(e -> e.run, e -> e.message.substring(SweepPlanner.NOT_CREATED.length())));
  }
}

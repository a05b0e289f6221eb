package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.AlignmentSweepSpec;
import dev.alignment.api.v1alpha1.AlignmentSweepStatus;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.job.ApiErrors;
import dev.alignment.operator.job.CachedViews;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.sweep.ChildRun;
import dev.alignment.operator.sweep.LeaderboardWriter;
import dev.alignment.operator.sweep.SweepChildren;
import dev.alignment.operator.sweep.SweepPlan;
import dev.alignment.operator.sweep.SweepPlanner;
import dev.alignment.operator.sweep.SweepState;
import dev.alignment.operator.sweep.SweepStates;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps an AlignmentSweep's child runs to its matrix and ranks them: observe children -> plan -> create one batch
 * (stopping as soon as the sweep is deleted) -> status and leaderboard table -> requeue at once if cells remain.
 */
@ControllerConfiguration(name = "alignmentsweep", triggerReconcilerOnAllEvents = true)
public class AlignmentSweepReconciler
    extends BaseReconciler<AlignmentSweep, AlignmentSweepSpec, AlignmentSweepStatus> {
  /** Least time between two writes of a running sweep's leaderboard table. */
  private static final Duration TABLE_INTERVAL = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;
  private final SweepStates states;
  private final LeaderboardWriter tables;
  private final SweepPlanner.Limits limits;
  private final Duration refusedBackoff;
  private InformerEventSource<AlignmentRun, AlignmentSweep> childEvents;

  AlignmentSweepReconciler(
      KubernetesClient client, EventRecorder events, ReconcileErrors errors, OperatorConfig config, Clock clock) {
    super(errors, AlignmentSweepStatus::new);
    this.client = client;
    this.events = events;
    this.clock = clock;
    this.states = new SweepStates(config.sweepMaxCells());
    this.tables = new LeaderboardWriter(client, TABLE_INTERVAL);
    this.limits = new SweepPlanner.Limits(config.sweepCreateBatch(), config.sweepLeaderboardTop());
    this.refusedBackoff = Duration.ofSeconds(config.retryBackoffSeconds());
  }

  @Override
  public List<EventSource<?, AlignmentSweep>> prepareEventSources(EventSourceContext<AlignmentSweep> context) {
    // Child runs map to their sweep through the controller owner reference.
    childEvents = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(AlignmentRun.class, AlignmentSweep.class)
            .withLabelSelector(SweepChildren.SWEEP_LABEL)
            .withItemStore(new PruningItemStore<>(CachedViews::run))
            .build(),
        context);
    return List.of(childEvents);
  }

  @Override
  UpdateControl<AlignmentSweep> reconcile(
      AlignmentSweep sweep, AlignmentSweepSpec spec, AlignmentSweepStatus prior, Context<AlignmentSweep> context) {
    if (stopped(sweep, context)) {
      return UpdateControl.noUpdate();
    }
    SweepState state = states.of(sweep);
    if (state.invalid() != null) {
      publish(sweep, SweepPlanner.invalid(sweep, state.invalid(), clock.instant(), limits.top()), context);
      return UpdateControl.noUpdate();
    }
    Map<String, AlignmentRun> children = context.getSecondaryResources(AlignmentRun.class).stream()
        .collect(Collectors.toMap(run -> run.getMetadata().getName(), Function.identity()));
    SweepPlan plan = plan(sweep, state, children, null);
    for (String name : plan.deletes()) {
      if (children.get(name).getMetadata().getDeletionTimestamp() == null) {
        client.resource(children.get(name)).delete();
        events.post(sweep, EventReason.RunDeleted, "deleted run " + name + ": its cell is no longer in the matrix");
      }
    }
    String refusal = createBatch(sweep, plan.creates(), state, children, context);
    if (stopped(sweep, context)) {
      return UpdateControl.noUpdate(); // deleted meanwhile: nothing more to write
    }
    if (!plan.creates().isEmpty()) {
      plan = plan(sweep, state, children, refusal);
    }
    AlignmentSweepStatus status = plan.status();
    boolean ended = status.phase == RunPhase.Succeeded || status.phase == RunPhase.Failed;
    LeaderboardWriter.Outcome table = tables.write(sweep, state, plan, ended, clock.instant());
    status.table.error = table.error();
    status.table.parts = table.parts();
    publish(sweep, status, context);
    Optional<Duration> next = Stream.of(
            Optional.ofNullable(refusal).map(r -> refusedBackoff),
            refusal == null && !plan.creates().isEmpty() ? Optional.of(Duration.ZERO) : Optional.<Duration>empty(),
            table.dueIn())
        .flatMap(Optional::stream).min(Duration::compareTo);
    return next.map(after -> UpdateControl.<AlignmentSweep>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  @Override
  AlignmentSweepStatus invalid(AlignmentSweep sweep, AlignmentSweepStatus prior, String message) {
    return SweepPlanner.invalid(sweep, message, clock.instant(), limits.top());
  }

  @Override
  void forget(ResourceID id) {
    states.forget(id);
  }

  private SweepPlan plan(AlignmentSweep sweep, SweepState state, Map<String, AlignmentRun> children, String refusal) {
    return SweepPlanner.plan(new SweepPlanner.Input(sweep, state.layout(), children, state.rejected(), refusal,
        clock.instant(), limits));
  }

  /**
   * Creates one batch of children, checking before each that the sweep is still there. A refusal by validation
   * (422, 400) fails that cell; any other refusal (forbidden, quota, an unavailable server) ends the batch and is
   * returned, to be shown in status and tried again later.
   */
  private String createBatch(AlignmentSweep sweep, List<ChildRun> creates, SweepState state,
      Map<String, AlignmentRun> children, Context<AlignmentSweep> context) {
    List<String> created = new ArrayList<>();
    String refusal = null;
    for (ChildRun child : creates) {
      if (stopped(sweep, context)) {
        break;
      }
      AlignmentRun desired = SweepChildren.desired(sweep, child);
      try {
        AlignmentRun run = client.resource(desired).create();
        // Seen by the next reconcile even before the informer has it: the next batch starts at once.
        childEvents.handleRecentResourceCreate(ResourceID.fromResource(run), run);
        children.put(child.name(), run);
        created.add(child.name());
      } catch (KubernetesClientException e) {
        String reason = ApiErrors.message(e);
        if (e.getCode() == 409) {
          children.put(child.name(), desired); // created by an earlier reconcile whose event has not reached the cache yet
        } else if (e.getCode() == 422 || e.getCode() == 400) {
          state.rejected().put(child.name(), reason);
          events.post(sweep, EventReason.RunRejected,
              "run " + child.name() + " for " + child.cell().parameters() + " was refused: " + reason);
        } else {
          refusal = "run " + child.name() + " refused (" + e.getCode() + "): " + reason;
          if (!refusedBefore(sweep)) {
            events.post(sweep, EventReason.CreateRefused, refusal);
          }
          break;
        }
      }
    }
    if (!created.isEmpty()) {
      events.post(sweep, EventReason.RunCreated, "created " + created.size() + " run(s): "
          + (created.size() == 1 ? created.get(0) : created.get(0) + " ... " + created.get(created.size() - 1)));
    }
    return refusal;
  }

  /** Whether status already says creates are refused: the Event is posted once, not on every retry. */
  private static boolean refusedBefore(AlignmentSweep sweep) {
    return sweep.getStatus() != null && sweep.getStatus().conditions.stream()
        .anyMatch(c -> Conditions.is(c, Conditions.Type.Progressing) && Reasons.CREATE_REFUSED.equals(c.getReason()));
  }

  /** Whether the sweep is being deleted or gone (or replaced by a new object of its name) in the informer's cache. */
  private static boolean stopped(AlignmentSweep sweep, Context<AlignmentSweep> context) {
    return context.getPrimaryCache().get(ResourceID.fromResource(sweep))
        .map(cached -> !cached.getMetadata().getUid().equals(sweep.getMetadata().getUid())
            || cached.getMetadata().getDeletionTimestamp() != null)
        .orElse(true);
  }

  /** Writes the status and, when the sweep has just ended, the Event saying so. */
  private void publish(AlignmentSweep sweep, AlignmentSweepStatus status, Context<AlignmentSweep> context) {
    RunPhase before = sweep.getStatus() == null ? null : sweep.getStatus().phase;
    if (StatusWriter.write(sweep, status, context) && status.phase != before
        && (status.phase == RunPhase.Succeeded || status.phase == RunPhase.Failed)) {
      events.post(sweep, status.phase == RunPhase.Succeeded ? EventReason.Succeeded : EventReason.Failed, status.message);
    }
  }
}

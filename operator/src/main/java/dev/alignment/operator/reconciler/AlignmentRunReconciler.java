package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.job.ProgressProbe;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.RunPipeline;
import dev.alignment.operator.stage.StageDefaults;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.status.RunStatuses;
import dev.alignment.operator.status.TrainerProgress;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs an AlignmentRun's pipeline: waits for its dataset and reward model, then runs its stages one by one. */
@ControllerConfiguration(name = "alignmentrun", triggerReconcilerOnAllEvents = true)
public class AlignmentRunReconciler extends BaseReconciler<AlignmentRun, AlignmentRunSpec, AlignmentRunStatus> {
  private final Pipelines pipelines;
  private final OperatorMetrics metrics;
  private final ProgressProbe progress;
  private final ProgressThrottle progressThrottle;

  AlignmentRunReconciler(Pipelines pipelines, ReconcileErrors errors, OperatorMetrics metrics, ProgressProbe progress) {
    super(errors);
    this.pipelines = pipelines;
    this.metrics = metrics;
    this.progress = progress;
    this.progressThrottle = new ProgressThrottle(pipelines.config().progressInterval());
  }

  @Override
  public List<EventSource<?, AlignmentRun>> prepareEventSources(EventSourceContext<AlignmentRun> context) {
    metrics.countRunsFrom(context.getPrimaryCache());
    return List.of(
        StageJobEventSource.of(context),
        TrainerPodEventSource.of(context),
        ReferenceEventSources.byName(context, PreferenceDataset.class, run -> RunPipeline.datasets(run.getSpec())),
        ReferenceEventSources.byName(context, RewardModel.class, run -> RunPipeline.rewardModels(run.getSpec())));
  }

  @Override
  UpdateControl<AlignmentRun> reconcile(
      AlignmentRun run, AlignmentRunSpec spec, AlignmentRunStatus prior, Context<AlignmentRun> context) {
    Dependencies deps = new Dependencies(
        ReferenceEventSources.indexByName(context.getSecondaryResources(PreferenceDataset.class)),
        ReferenceEventSources.indexByName(context.getSecondaryResources(RewardModel.class)));
    StagePlan plan = pipelines.driver().drive(
        new StageDriver.Request(
            run,
            RunPipeline.stages(run, deps),
            prior.stages,
            Boolean.TRUE.equals(spec.suspend),
            deps.readiness(RunPipeline.datasets(spec), RunPipeline.rewardModels(spec)),
            StageDefaults.or(spec.maxRetries, StageDefaults.MAX_RETRIES),
            Boolean.TRUE.equals(spec.retryOnOutOfMemory),
            JobSettings.of(pipelines.config(), spec.image, spec.workspace, spec.scheduling)),
        context.getSecondaryResources(Job.class));

    Instant now = pipelines.clock().instant();
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    AlignmentRunStatus status = RunStatuses.from(
        run, plan, RunPipeline.policyStage(spec.algorithm), RunPipeline.EVAL, liveProgress(run, plan, pods, now), now);
    if (pipelines.publisher().publish(run, status, prior.stages, plan, context)) {
      recordDependencyWait(run, prior, plan.outcome(), now);
    }
    // Progress is polled only while a trainer pod serves it; pod events wake the run otherwise.
    if (plan.outcome() instanceof Outcome.Running && pods.stream().anyMatch(ProgressProbe::isServing)) {
      return UpdateControl.<AlignmentRun>noUpdate().rescheduleAfter(pipelines.config().progressInterval());
    }
    if (!(plan.outcome() instanceof Outcome.Running)) {
      progressThrottle.forget(ResourceID.fromResource(run));
    }
    return StatusPublisher.requeueFor(plan);
  }

  @Override
  AlignmentRunStatus statusOf(AlignmentRun run) {
    return run.getStatus() == null ? new AlignmentRunStatus() : run.getStatus();
  }

  @Override
  AlignmentRunStatus invalid(AlignmentRun run, AlignmentRunStatus prior, String message) {
    String policyStage = run.getSpec() == null ? null : RunPipeline.policyStage(run.getSpec().algorithm);
    return RunStatuses.from(run, ReconcileErrors.invalidSpec(prior.stages, message), policyStage, RunPipeline.EVAL,
        Optional.empty(), pipelines.clock().instant());
  }

  @Override
  void forget(ResourceID id) {
    progressThrottle.forget(id);
    progress.forget(id);
  }

  /** The running stage's progress from its trainer, read at most once per progress interval per run. */
  private Optional<TrainerProgress> liveProgress(AlignmentRun run, StagePlan plan, Set<Pod> pods, Instant now) {
    if (!(plan.outcome() instanceof Outcome.Running running)
        || !progressThrottle.due(ResourceID.fromResource(run), now)) {
      return Optional.empty();
    }
    // The stage's primary Job (the PPO actor) reports the training progress.
    return plan.stages().stream().filter(s -> s.name.equals(running.stage()) && s.job != null).findFirst()
        .flatMap(s -> progress.read(s.job, pods));
  }

  private void recordDependencyWait(AlignmentRun run, AlignmentRunStatus prior, Outcome outcome, Instant now) {
    if (outcome instanceof Outcome.Waiting) {
      return;
    }
    prior.conditions.stream()
        .filter(c -> Conditions.is(c, Conditions.Type.Progressing) && Reasons.isDependencyWait(c.getReason())
            && c.getLastTransitionTime() != null)
        .findFirst()
        .ifPresent((Condition c) -> metrics.dependencyWaitEnded(run.getKind(), c.getReason(),
            Duration.between(Instant.parse(c.getLastTransitionTime()), now)));
  }
}

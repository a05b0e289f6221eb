package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.job.ProgressProbe;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.policy.PodOverrides;
import dev.alignment.operator.runtime.Resolution;
import dev.alignment.operator.runtime.RuntimeSelection;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.RunPipeline;
import dev.alignment.operator.stage.StageDefaults;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.uri.UriPolicy;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.status.RunStatuses;
import dev.alignment.operator.status.TrainerProgress;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
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
public class AlignmentRunReconciler extends PipelineReconciler<AlignmentRun, AlignmentRunSpec, AlignmentRunStatus> {
  private final OperatorMetrics metrics;
  private final ProgressProbe progress;
  private final ProgressThrottle progressThrottle;

  AlignmentRunReconciler(StageDriver driver, ReconcileErrors errors, OperatorMetrics metrics, ProgressProbe progress) {
    super(driver, errors, AlignmentRunStatus::new);
    this.metrics = metrics;
    this.progress = progress;
    this.progressThrottle = new ProgressThrottle(driver.config().progressInterval());
  }

  @Override
  List<EventSource<?, AlignmentRun>> inputEventSources(EventSourceContext<AlignmentRun> context) {
    metrics.countRunsFrom(context.getPrimaryCache());
    return List.of(
        TrainerPodEventSource.of(context),
        ReferenceEventSources.byName(context, PreferenceDataset.class, run -> RunPipeline.datasets(run.getSpec())),
        ReferenceEventSources.byName(context, RewardModel.class, run -> RunPipeline.rewardModels(run.getSpec())));
  }

  @Override
  RuntimeSelection runtimes(AlignmentRunSpec spec) {
    return RuntimeSelection.run(spec, driver.config(), RunPipeline.EVAL);
  }

  @Override
  UpdateControl<AlignmentRun> reconcile(
      AlignmentRun run, AlignmentRunSpec spec, AlignmentRunStatus prior, Context<AlignmentRun> context) {
    Dependencies deps = new Dependencies(
        ReferenceEventSources.indexByName(context.getSecondaryResources(PreferenceDataset.class)),
        ReferenceEventSources.indexByName(context.getSecondaryResources(RewardModel.class)),
        UriPolicy.of(driver.config()));
    Resolution launched = launched(spec, RunPipeline.stages(run, deps), prior, context);
    StagePlan plan = driver.drive(
        new StageDriver.Request(
            run,
            launched.stages(),
            prior.stages,
            Boolean.TRUE.equals(spec.suspend),
            launched.readinessOr(deps.readiness(RunPipeline.datasets(spec), RunPipeline.rewardModels(spec))),
            StageDefaults.or(spec.maxRetries, StageDefaults.MAX_RETRIES),
            Boolean.TRUE.equals(spec.retryOnOutOfMemory),
            JobSettings.of(driver.config(), PodOverrides.of(spec))),
        context);

    Instant now = driver.clock().instant();
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    AlignmentRunStatus status = RunStatuses.from(
        run, plan, RunPipeline.policyStage(spec.algorithm), RunPipeline.EVAL, liveProgress(run, plan, pods, now), now);
    if (driver.publisher().publish(run, status, prior.stages, plan, context)) {
      recordDependencyWait(run, prior, plan.outcome(), now);
    }
    // Progress is polled only while a trainer pod serves it; pod events wake the run otherwise.
    if (plan.outcome() instanceof Outcome.Running && pods.stream().anyMatch(ProgressProbe::isServing)) {
      return UpdateControl.<AlignmentRun>noUpdate().rescheduleAfter(driver.config().progressInterval());
    }
    if (!(plan.outcome() instanceof Outcome.Running)) {
      progressThrottle.forget(ResourceID.fromResource(run));
    }
    return StatusPublisher.requeueFor(plan);
  }

  @Override
  AlignmentRunStatus status(AlignmentRun run, StagePlan plan, Instant now) {
    String policyStage = run.getSpec() == null ? null : RunPipeline.policyStage(run.getSpec().algorithm);
    return RunStatuses.from(run, plan, policyStage, RunPipeline.EVAL, Optional.empty(), now);
  }

  @Override
  List<StageStatus> stages(AlignmentRunStatus status) {
    return status.stages;
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
        .flatMap(s -> progress.read(s, pods));
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

package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.config.OperatorConfig;
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
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Runs an AlignmentRun's pipeline: waits for its dataset and reward model, then runs its stages one by one. */
@ControllerConfiguration(name = "alignmentrun")
public class AlignmentRunReconciler implements Reconciler<AlignmentRun> {
  private final OperatorConfig config;
  private final StageDriver driver;
  private final StatusPublisher publisher;
  private final ReconcileErrors errors;
  private final OperatorMetrics metrics;
  private final ProgressProbe progress;
  private final Clock clock;
  /** When each run's progress was last read: at most one progress write per run per interval. */
  private final Map<ResourceID, Instant> progressReadAt = new ConcurrentHashMap<>();

  AlignmentRunReconciler(
      OperatorConfig config,
      StageDriver driver,
      StatusPublisher publisher,
      ReconcileErrors errors,
      OperatorMetrics metrics,
      ProgressProbe progress,
      Clock clock) {
    this.config = config;
    this.driver = driver;
    this.publisher = publisher;
    this.errors = errors;
    this.metrics = metrics;
    this.progress = progress;
    this.clock = clock;
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
  public UpdateControl<AlignmentRun> reconcile(AlignmentRun run, Context<AlignmentRun> context) {
    AlignmentRunSpec spec = errors.specOf(run);
    AlignmentRunStatus prior = run.getStatus() == null ? new AlignmentRunStatus() : run.getStatus();
    Dependencies deps = new Dependencies(
        ReferenceEventSources.indexByName(context.getSecondaryResources(PreferenceDataset.class)),
        ReferenceEventSources.indexByName(context.getSecondaryResources(RewardModel.class)));
    StagePlan plan = driver.drive(
        new StageDriver.Request(
            run,
            RunPipeline.stages(run, deps),
            prior.stages,
            Boolean.TRUE.equals(spec.suspend),
            deps.readiness(RunPipeline.datasets(spec), RunPipeline.rewardModels(spec)),
            StageDefaults.or(spec.maxRetries, StageDefaults.MAX_RETRIES),
            Boolean.TRUE.equals(spec.retryOnOutOfMemory),
            JobSettings.of(config, spec.image, spec.workspace, spec.scheduling)),
        context.getSecondaryResources(Job.class));

    Instant now = clock.instant();
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    AlignmentRunStatus status = RunStatuses.from(
        run, plan, RunPipeline.policyStage(spec.algorithm), RunPipeline.EVAL, liveProgress(run, plan, pods, now), now);
    if (publisher.publish(run, status, prior.stages, plan, context)) {
      recordDependencyWait(run, prior, plan.outcome(), now);
    }
    // Progress is polled only while a trainer pod serves it; pod events wake the run otherwise.
    if (plan.outcome() instanceof Outcome.Running && pods.stream().anyMatch(ProgressProbe::isServing)) {
      return UpdateControl.<AlignmentRun>noUpdate().rescheduleAfter(config.progressInterval());
    }
    if (!(plan.outcome() instanceof Outcome.Running)) {
      progressReadAt.remove(ResourceID.fromResource(run));
    }
    return StatusPublisher.requeueFor(plan);
  }

  @Override
  public ErrorStatusUpdateControl<AlignmentRun> updateErrorStatus(AlignmentRun run, Context<AlignmentRun> context, Exception e) {
    List<StageStatus> recorded = run.getStatus() == null ? List.of() : run.getStatus().stages;
    String policyStage = run.getSpec() == null ? null : RunPipeline.policyStage(run.getSpec().algorithm);
    return errors.report(run, e, message -> RunStatuses.from(run, ReconcileErrors.invalidSpec(recorded, message),
        policyStage, RunPipeline.EVAL, Optional.empty(), clock.instant()), context);
  }

  /** The running stage's progress from its trainer, read at most once per progress interval per run. */
  private Optional<TrainerProgress> liveProgress(AlignmentRun run, StagePlan plan, Set<Pod> pods, Instant now) {
    if (!(plan.outcome() instanceof Outcome.Running running)) {
      return Optional.empty();
    }
    ResourceID id = ResourceID.fromResource(run);
    Instant last = progressReadAt.get(id);
    if (last != null && now.isBefore(last.plus(config.progressInterval()))) {
      return Optional.empty();
    }
    progressReadAt.put(id, now);
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

package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RewardModelStatus;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.RewardModelPipeline;
import dev.alignment.operator.stage.StageDefaults;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.stage.Workspace;
import dev.alignment.operator.status.RewardModelStatuses;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Trains a RewardModel on its PreferenceDataset once that is Ready, or marks an imported checkpoint Ready. */
@ControllerConfiguration(name = "rewardmodel")
public class RewardModelReconciler implements Reconciler<RewardModel> {
  private final OperatorConfig config;
  private final StageDriver driver;
  private final StatusPublisher publisher;
  private final ReconcileErrors errors;
  private final Clock clock;

  RewardModelReconciler(
      OperatorConfig config, StageDriver driver, StatusPublisher publisher, ReconcileErrors errors, Clock clock) {
    this.config = config;
    this.driver = driver;
    this.publisher = publisher;
    this.errors = errors;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, RewardModel>> prepareEventSources(EventSourceContext<RewardModel> context) {
    return List.of(
        StageJobEventSource.of(context),
        ReferenceEventSources.byName(context, PreferenceDataset.class, RewardModelReconciler::datasets));
  }

  @Override
  public UpdateControl<RewardModel> reconcile(RewardModel rm, Context<RewardModel> context) {
    RewardModelSpec spec = errors.specOf(rm);
    if (spec.importSource != null) {
      String checkpoint = Workspace.resolveModel(rm.getMetadata().getNamespace(), spec.importSource.uri);
      StatusWriter.write(rm, RewardModelStatuses.imported(rm, checkpoint, clock.instant()), context);
      return UpdateControl.noUpdate();
    }
    RewardModelStatus prior = rm.getStatus() == null ? new RewardModelStatus() : rm.getStatus();
    Dependencies deps = new Dependencies(
        ReferenceEventSources.indexByName(context.getSecondaryResources(PreferenceDataset.class)), Map.of());
    StagePlan plan = driver.drive(
        new StageDriver.Request(
            rm,
            RewardModelPipeline.stages(rm, deps),
            prior.stages,
            false,
            deps.readiness(datasets(rm), List.of()),
            StageDefaults.or(spec.maxRetries, StageDefaults.MAX_RETRIES),
            Boolean.TRUE.equals(spec.retryOnOutOfMemory),
            JobSettings.of(config, spec.image, spec.workspace, spec.scheduling)),
        context.getSecondaryResources(Job.class));
    publisher.publish(rm, RewardModelStatuses.from(rm, plan, clock.instant()), prior.stages, plan, context);
    return StatusPublisher.requeueFor(plan);
  }

  @Override
  public ErrorStatusUpdateControl<RewardModel> updateErrorStatus(RewardModel rm, Context<RewardModel> context, Exception e) {
    List<StageStatus> recorded = rm.getStatus() == null ? List.of() : rm.getStatus().stages;
    return errors.report(rm, e, message -> RewardModelStatuses.from(rm, ReconcileErrors.invalidSpec(recorded, message), clock.instant()), context);
  }

  private static List<String> datasets(RewardModel rm) {
    return rm.getSpec().preferenceDataset == null ? List.of() : List.of(rm.getSpec().preferenceDataset);
  }
}

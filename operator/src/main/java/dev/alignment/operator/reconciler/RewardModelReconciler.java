package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RewardModelStatus;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.policy.PodOverrides;
import dev.alignment.operator.runtime.Resolution;
import dev.alignment.operator.runtime.RuntimeSelection;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.RewardModelPipeline;
import dev.alignment.operator.stage.StageDefaults;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.stage.Workspace;
import dev.alignment.operator.uri.SpecUris;
import dev.alignment.operator.uri.UriPolicy;
import dev.alignment.operator.status.RewardModelStatuses;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Trains a RewardModel on its PreferenceDataset once that is Ready, or marks an imported checkpoint Ready. */
@ControllerConfiguration(name = "rewardmodel", triggerReconcilerOnAllEvents = true)
public class RewardModelReconciler extends PipelineReconciler<RewardModel, RewardModelSpec, RewardModelStatus> {
  RewardModelReconciler(StageDriver driver, ReconcileErrors errors) {
    super(driver, errors, RewardModelStatus::new);
  }

  @Override
  List<EventSource<?, RewardModel>> inputEventSources(EventSourceContext<RewardModel> context) {
    return List.of(ReferenceEventSources.byName(context, PreferenceDataset.class, RewardModelReconciler::datasets));
  }

  @Override
  RuntimeSelection runtimes(RewardModelSpec spec) {
    return RuntimeSelection.rewardModel(spec, driver.config());
  }

  @Override
  UpdateControl<RewardModel> reconcile(
      RewardModel rm, RewardModelSpec spec, RewardModelStatus prior, Context<RewardModel> context) {
    UriPolicy uris = UriPolicy.of(driver.config());
    if (spec.importSource != null) {
      SpecUris.check(spec, rm.getMetadata().getNamespace(), uris);
      String checkpoint = Workspace.resolveModel("spec.import.uri", rm.getMetadata().getNamespace(), spec.importSource.uri);
      StatusWriter.write(rm, RewardModelStatuses.imported(rm, checkpoint, driver.clock().instant()), context);
      return UpdateControl.noUpdate();
    }
    Dependencies deps = new Dependencies(
        ReferenceEventSources.indexByName(context.getSecondaryResources(PreferenceDataset.class)), Map.of(), uris);
    Resolution launched = launched(spec, RewardModelPipeline.stages(rm, deps), prior, context);
    return StatusPublisher.requeueFor(driveAndPublish(rm, prior, new StageDriver.Request(
        rm,
        launched.stages(),
        prior.stages,
        false,
        launched.readinessOr(deps.readiness(datasets(rm), List.of())),
        StageDefaults.or(spec.maxRetries, StageDefaults.MAX_RETRIES),
        Boolean.TRUE.equals(spec.retryOnOutOfMemory),
        JobSettings.of(driver.config(), PodOverrides.of(spec))), context));
  }

  @Override
  RewardModelStatus status(RewardModel rm, StagePlan plan, Instant now) {
    return RewardModelStatuses.from(rm, plan, now);
  }

  @Override
  List<StageStatus> stages(RewardModelStatus status) {
    return status.stages;
  }

  private static List<String> datasets(RewardModel rm) {
    return rm.getSpec().preferenceDataset == null ? List.of() : List.of(rm.getSpec().preferenceDataset);
  }
}

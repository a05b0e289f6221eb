package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.ConfigMapSource;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.PreferenceDatasetStatus;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.policy.PodOverrides;
import dev.alignment.operator.runtime.Resolution;
import dev.alignment.operator.runtime.RuntimeSelection;
import dev.alignment.operator.stage.DatasetPipeline;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.Readiness;
import dev.alignment.operator.stage.StageDefaults;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.uri.UriPolicy;
import dev.alignment.operator.status.DatasetStatuses;
import dev.alignment.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Validates a PreferenceDataset (synthesizing it first when asked) with trainer Jobs; Ready or Failed after. */
@ControllerConfiguration(name = "preferencedataset", triggerReconcilerOnAllEvents = true)
public class PreferenceDatasetReconciler
    extends PipelineReconciler<PreferenceDataset, PreferenceDatasetSpec, PreferenceDatasetStatus> {
  /** ConfigMaps are not watched (they carry no label of ours), so a missing one is looked for again this often. */
  static final Duration CONFIG_MAP_RECHECK = Duration.ofSeconds(15);

  PreferenceDatasetReconciler(StageDriver driver, ReconcileErrors errors) {
    super(driver, errors, PreferenceDatasetStatus::new);
  }

  @Override
  List<EventSource<?, PreferenceDataset>> inputEventSources(EventSourceContext<PreferenceDataset> context) {
    return List.of(ReferenceEventSources.byName(context, RewardModel.class, DatasetPipeline::rewardModels));
  }

  @Override
  RuntimeSelection runtimes(PreferenceDatasetSpec spec) {
    return RuntimeSelection.dataset(spec, driver.config());
  }

  @Override
  UpdateControl<PreferenceDataset> reconcile(PreferenceDataset pds, PreferenceDatasetSpec spec,
      PreferenceDatasetStatus prior, Context<PreferenceDataset> context) {
    Dependencies deps = new Dependencies(
        Map.of(), ReferenceEventSources.indexByName(context.getSecondaryResources(RewardModel.class)),
        UriPolicy.of(driver.config()));
    Resolution launched = launched(spec, DatasetPipeline.stages(pds, deps), prior, context);
    Readiness readiness = launched.readinessOr(deps.readiness(List.of(), DatasetPipeline.rewardModels(pds)));
    if (readiness.isReady() && spec.source.configMap != null) {
      readiness = configMapReadiness(context.getClient(), pds.getMetadata().getNamespace(), spec.source.configMap);
    }
    StagePlan plan = driveAndPublish(pds, prior, new StageDriver.Request(
        pds,
        launched.stages(),
        prior.stages,
        false,
        readiness,
        StageDefaults.MAX_RETRIES,
        false,
        JobSettings.of(driver.config(), PodOverrides.of(spec))), context);
    if (Reasons.WAITING_FOR_CONFIG_MAP.equals(readiness.reason())) {
      return UpdateControl.<PreferenceDataset>noUpdate().rescheduleAfter(CONFIG_MAP_RECHECK);
    }
    return StatusPublisher.requeueFor(plan);
  }

  @Override
  PreferenceDatasetStatus status(PreferenceDataset pds, StagePlan plan, Instant now) {
    return DatasetStatuses.from(pds, plan, now);
  }

  @Override
  List<StageStatus> stages(PreferenceDatasetStatus status) {
    return status.stages;
  }

  private static Readiness configMapReadiness(KubernetesClient client, String namespace, ConfigMapSource source) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(source.name).get();
    if (cm == null) {
      return Readiness.waiting(Reasons.WAITING_FOR_CONFIG_MAP, "waiting for ConfigMap " + source.name + " (not found)");
    }
    if (cm.getData() == null || !cm.getData().containsKey(source.key)) {
      return Readiness.waiting(Reasons.WAITING_FOR_CONFIG_MAP,
          "waiting for ConfigMap " + source.name + " to have key " + source.key);
    }
    return Readiness.READY;
  }
}

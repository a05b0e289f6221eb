package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.job.JobSettings;
import dev.alignment.operator.job.StageJobs;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.stage.ObservedJob;
import dev.alignment.operator.stage.PlanInput;
import dev.alignment.operator.stage.Readiness;
import dev.alignment.operator.stage.RefusedCreate;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.stage.StagePlanner;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Observe -> plan -> act for a resource's stage pipeline, and the status write that ends it: what the reconcilers
 * of stage pipelines share.
 */
record StageDriver(OperatorConfig config, StageJobs jobs, StatusPublisher publisher, Clock clock) {
  /** The pipeline's inputs beyond its stages: spec switches and shared Job settings. */
  record Request(
      HasMetadata owner,
      List<StageSpec> stages,
      List<StageStatus> recorded,
      boolean suspend,
      Readiness readiness,
      int maxRetries,
      boolean retryOutOfMemory,
      JobSettings settings) {}

  StagePlan drive(Request request, Context<?> context) {
    // Without the JobSet API no JobSet event source is registered, and there are none to read.
    Collection<JobSet> cachedJobSets = jobs.jobSets() ? context.getSecondaryResources(JobSet.class) : List.of();
    List<ObservedJob> observed = jobs.observe(
        request.owner(), context.getSecondaryResources(Job.class), cachedJobSets, request.recorded());
    StagePlan plan = StagePlanner.plan(new PlanInput(
        request.owner().getMetadata().getName(),
        request.stages().stream().map(StageSpec::name).toList(),
        request.stages().stream().filter(s -> !s.roleNames().isEmpty())
            .collect(Collectors.toMap(StageSpec::name, StageSpec::roleNames)),
        request.recorded(),
        observed,
        request.suspend(),
        request.readiness(),
        request.maxRetries(),
        request.retryOutOfMemory(),
        config.backoff(),
        clock.instant()));
    Map<String, StageSpec> byName =
        request.stages().stream().collect(Collectors.toMap(StageSpec::name, Function.identity()));
    List<RefusedCreate> refusals = jobs.apply(request.owner(), plan.actions(), byName, request.settings());
    return StagePlanner.refused(plan, refusals, config.backoff(), clock.instant());
  }
}

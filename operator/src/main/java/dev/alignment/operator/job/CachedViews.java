package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.job.jobset.JobSetSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;

/**
 * What the operator's informers keep of stage Jobs and JobSets, trainer pods and a sweep's child runs: identity, labels and
 * owners, and the status the planner, the progress probe and the sweep read. Pod templates, specs, managed fields
 * and annotations, most of an object's size, are dropped.
 */
public final class CachedViews {
  private CachedViews() {}

  public static Job job(Job job) {
    return new JobBuilder().withMetadata(identity(job.getMetadata())).withStatus(job.getStatus()).build();
  }

  /** A JobSet keeps its replicated Jobs' names (its roles) and its status; their templates are dropped. */
  public static JobSet jobSet(JobSet jobSet) {
    JobSet kept = new JobSet();
    kept.setMetadata(identity(jobSet.getMetadata()));
    JobSetSpec spec = new JobSetSpec();
    spec.replicatedJobs = jobSet.getSpec() == null || jobSet.getSpec().replicatedJobs == null ? List.of()
        : jobSet.getSpec().replicatedJobs.stream().map(r -> new JobSetSpec.ReplicatedJob(r.name, r.replicas, null)).toList();
    kept.setSpec(spec);
    kept.setStatus(jobSet.getStatus());
    return kept;
  }

  /**
   * A sweep's child keeps only its outcome: phase, results and message. The run controller caches every run in
   * full already; at 10,000 children full second copies were about 100 MB of heap.
   */
  public static AlignmentRun run(AlignmentRun run) {
    AlignmentRun kept = new AlignmentRun();
    kept.setMetadata(identity(run.getMetadata()));
    if (run.getStatus() != null) {
      kept.setStatus(new AlignmentRunStatus());
      kept.getStatus().phase = run.getStatus().phase;
      kept.getStatus().results = run.getStatus().results;
      kept.getStatus().message = run.getStatus().message;
    }
    return kept;
  }

  /** A pod keeps its trainer container's ports and resources (the metrics port, the GPU request) and its status. */
  public static Pod pod(Pod pod) {
    PodBuilder kept = new PodBuilder().withMetadata(identity(pod.getMetadata())).withStatus(pod.getStatus());
    if (pod.getSpec() != null) {
      kept.withNewSpec().withContainers(pod.getSpec().getContainers().stream()
          .filter(c -> StageJobBuilder.CONTAINER.equals(c.getName()))
          .map(c -> new ContainerBuilder().withName(c.getName())
              .withPorts(c.getPorts()).withResources(c.getResources()).build())
          .toList()).endSpec();
    }
    return kept.build();
  }

  private static ObjectMeta identity(ObjectMeta meta) {
    return new ObjectMetaBuilder()
        .withName(meta.getName())
        .withNamespace(meta.getNamespace())
        .withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion())
        .withGeneration(meta.getGeneration())
        .withCreationTimestamp(meta.getCreationTimestamp())
        .withDeletionTimestamp(meta.getDeletionTimestamp())
        .withLabels(meta.getLabels())
        .withOwnerReferences(meta.getOwnerReferences())
        .build();
  }
}

package dev.alignment.operator.job;

import dev.alignment.operator.job.jobset.JobSet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;

/** Ended trainer pods of a multi-pod workload for unit tests: a rank, its exit code, message and end time. */
final class RankPods {
  private RankPods() {}

  /** A pod of an Indexed Job's completion index {@code rank} whose trainer ended at second {@code second}. */
  static Pod ended(int rank, int exitCode, String message, int second) {
    return new PodBuilder()
        .withNewMetadata().withName("pod-" + rank + "-" + second).withNamespace("team-a")
        .withLabels(Map.of(Rendezvous.COMPLETION_INDEX, String.valueOf(rank)))
        .endMetadata()
        .withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus().withName(StageJobBuilder.CONTAINER).withNewState().withNewTerminated()
        .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
        .withFinishedAt(String.format("2026-11-22T12:00:%02dZ", second))
        .endTerminated().endState().endContainerStatus()
        .endStatus()
        .build();
  }

  /** The same pod as a JobSet's, of replicated Job {@code replicatedJob} in the group's restart {@code restart}. */
  static Pod inJobSet(Pod pod, String replicatedJob, int restart) {
    return new PodBuilder(pod).editMetadata()
        .addToLabels(JobSet.REPLICATED_JOB_LABEL, replicatedJob)
        .addToLabels(JobSet.RESTART_ATTEMPT_LABEL, String.valueOf(restart))
        .endMetadata().build();
  }
}

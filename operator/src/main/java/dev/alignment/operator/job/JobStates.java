package dev.alignment.operator.job;

import dev.alignment.contract.ContractException;
import dev.alignment.contract.StageSummary;
import dev.alignment.contract.SummaryReader;
import dev.alignment.contract.ExitCode;
import dev.alignment.operator.stage.JobState;
import dev.alignment.operator.stage.ObservedJob;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a stage Job, and for a finished one its trainer pods, into an {@link ObservedJob}: the Job's conditions
 * give the state, rank 0's termination message the trainer's summary, the first failing rank's the failure. Pure.
 */
public final class JobStates {
  /** The container termination reason the kubelet gives a container killed at its memory limit. */
  static final String OOM_KILLED = "OOMKilled";
  /** The reason of a Job failed by its pod failure policy: the trainer exited 2 (bad input). */
  static final String POD_FAILURE_POLICY_REASON = "PodFailurePolicy";

  private JobStates() {}

  public static ObservedJob observe(Job job, List<Pod> pods) {
    String stage = job.getMetadata().getLabels().get(JobLabels.STAGE);
    String role = job.getMetadata().getLabels().get(JobLabels.ROLE);
    int attempt = Integer.parseInt(job.getMetadata().getLabels().get(JobLabels.ATTEMPT));
    String name = job.getMetadata().getName();
    if (job.getMetadata().getDeletionTimestamp() != null) {
      return new ObservedJob(stage, role, attempt, name, JobState.DELETING, null, null);
    }
    Optional<JobCondition> complete = trueCondition(job, "Complete");
    Optional<JobCondition> failure = trueCondition(job, "Failed");
    if (complete.isEmpty() && failure.isEmpty()) {
      return new ObservedJob(stage, role, attempt, name, JobState.ACTIVE, null, null);
    }
    if (complete.isPresent()) {
      return new ObservedJob(stage, role, attempt, name, JobState.SUCCEEDED, timeOf(complete.get()), summary(pods));
    }
    JobCondition failed = failure.get();
    Ending ending = failure(POD_FAILURE_POLICY_REASON.equals(failed.getReason()), pods, jobFailureMessage(failed));
    return new ObservedJob(stage, role, attempt, name, ending.state(), timeOf(failed), ending.summary());
  }

  /** How a failed workload ended: its state for the planner and the summary that explains it. */
  record Ending(JobState state, StageSummary summary) {}

  /** The termination summary of a succeeded workload: rank 0 writes it. */
  static StageSummary summary(List<Pod> pods) {
    return RankedPods.rankZero(pods).map(e -> parseSummary(e.trainer().getMessage())).orElse(null);
  }

  /**
   * A failed workload's ending, read from the rank that failed first: bad input when {@code badInput} (its pod
   * failure policy fired) or that trainer exited 2, out of memory when it was OOMKilled, else retryable;
   * {@code fallback} is the message when no pod tells more.
   */
  static Ending failure(boolean badInput, List<Pod> pods, String fallback) {
    Optional<RankedPods.Ended> first = RankedPods.firstFailure(pods);
    Optional<ContainerStateTerminated> trainer = first.map(RankedPods.Ended::trainer);
    boolean exitedBadInput =
        badInput || trainer.map(t -> t.getExitCode() != null && t.getExitCode() == ExitCode.BAD_INPUT.code()).orElse(false);
    boolean outOfMemory = trainer.map(t -> OOM_KILLED.equals(t.getReason())).orElse(false);
    String message = outOfMemory
        ? outOfMemoryMessage(trainer.get(), memoryLimit(pods))
        : trainer.map(JobStates::failureMessage).orElse(fallback);
    String rank = first.filter(e -> e.rank() > 0).map(e -> "rank " + e.rank() + ": ").orElse("");
    JobState state = exitedBadInput ? JobState.FAILED_PERMANENT
        : outOfMemory ? JobState.FAILED_OUT_OF_MEMORY : JobState.FAILED_RETRYABLE;
    return new Ending(state, StageSummary.ofMessage(rank + message));
  }

  private static String outOfMemoryMessage(ContainerStateTerminated t, Optional<Quantity> limit) {
    return "out of memory: the trainer was killed at its memory limit"
        + limit.map(q -> " of " + q).orElse("") + " (exit code " + t.getExitCode() + ", OOMKilled);"
        + " raise the memory in spec.resources, or lower the batch size or model size";
  }

  /** The trainer container's memory limit, as its pod had it. */
  private static Optional<Quantity> memoryLimit(List<Pod> pods) {
    return pods.stream()
        .flatMap(p -> p.getSpec() == null ? Stream.empty() : p.getSpec().getContainers().stream())
        .filter(c -> StageJobBuilder.CONTAINER.equals(c.getName()))
        .map(c -> c.getResources() == null || c.getResources().getLimits() == null ? null
            : c.getResources().getLimits().get("memory"))
        .filter(Objects::nonNull)
        .findFirst();
  }

  /** True once the Job controller has marked the Job Complete or Failed. */
  public static boolean isFinished(Job job) {
    return trueCondition(job, "Complete").isPresent() || trueCondition(job, "Failed").isPresent();
  }

  /** The trainer's JSON summary; any other text (a log tail, a stack trace) becomes the message. */
  static StageSummary parseSummary(String message) {
    if (message == null || message.isBlank()) {
      return null;
    }
    String text = message.trim();
    if (text.startsWith("{")) {
      try {
        return SummaryReader.read(text);
      } catch (ContractException e) {
        // Not a summary: fall through and keep the text as it is.
      }
    }
    return StageSummary.ofMessage(text);
  }

  private static String failureMessage(ContainerStateTerminated t) {
    StringBuilder text = new StringBuilder("exit code ").append(t.getExitCode());
    if (t.getReason() != null && !"Error".equals(t.getReason())) {
      text.append(" (").append(t.getReason()).append(')');
    }
    StageSummary summary = parseSummary(t.getMessage());
    if (summary != null && summary.message() != null) {
      text.append(": ").append(summary.message());
    }
    return text.toString();
  }

  private static String jobFailureMessage(JobCondition failure) {
    String reason = failure.getReason() == null ? "Failed" : failure.getReason();
    return failure.getMessage() == null ? reason : reason + ": " + failure.getMessage();
  }

  private static Optional<JobCondition> trueCondition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static Instant timeOf(JobCondition condition) {
    String at = condition.getLastTransitionTime();
    return at == null ? null : Instant.parse(at);
  }
}

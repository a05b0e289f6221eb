package dev.alignment.operator.job;

import dev.alignment.contract.StageSummary;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.stage.JobState;
import dev.alignment.operator.stage.ObservedJob;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a stage attempt's JobSet, and for a finished one the pods of its latest restart, into one
 * {@link ObservedJob} per role: the JobSet's Completed and Failed conditions give every role's state (the group
 * ends as one), the primary role's rank 0 the summary, the first failing pod the failure. Pure.
 */
public final class JobSetStates {
  /** The reason of a JobSet failed by a failure policy rule with action FailJobSet: here only the BadInput rule. */
  static final String FAIL_JOBSET_ACTION = "FailJobSetFailurePolicyAction";

  private JobSetStates() {}

  /** The roles of the JobSet, the primary first; {@code pods} are its child Jobs' pods (empty while it runs). */
  public static List<ObservedJob> observe(JobSet jobSet, List<Pod> pods) {
    String stage = jobSet.getMetadata().getLabels().get(JobLabels.STAGE);
    int attempt = Integer.parseInt(jobSet.getMetadata().getLabels().get(JobLabels.ATTEMPT));
    String name = jobSet.getMetadata().getName();
    int restarts = jobSet.getStatus() == null || jobSet.getStatus().restarts == null ? 0 : jobSet.getStatus().restarts;
    List<String> replicatedJobs = jobSet.getSpec().replicatedJobs.stream().map(r -> r.name).toList();
    Observed seen = state(jobSet, latestRestart(pods, restarts), replicatedJobs);
    List<ObservedJob> roles = new ArrayList<>();
    for (String replicatedJob : seen.order()) {
      String role = JobSetBuilder.roleOf(replicatedJob, replicatedJobs.size());
      StageSummary summary = seen.summaries().stream()
          .filter(s -> s.replicatedJob().equals(replicatedJob) && s.summary() != null)
          .map(RoleSummary::summary).findFirst().orElse(null);
      roles.add(new ObservedJob(stage, role, attempt, name, seen.state(), seen.finishedAt(), summary, restarts));
    }
    return roles;
  }

  /** True once the JobSet controller has marked the JobSet Completed or Failed. */
  public static boolean isFinished(JobSet jobSet) {
    return condition(jobSet, "Completed").isPresent() || condition(jobSet, "Failed").isPresent();
  }

  /** The group's state, the order of its roles (the decisive one first) and what each role's pods say. */
  private record Observed(
      JobState state, Instant finishedAt, List<String> order, List<RoleSummary> summaries) {}

  private record RoleSummary(String replicatedJob, StageSummary summary) {}

  private static Observed state(JobSet jobSet, List<Pod> pods, List<String> replicatedJobs) {
    if (jobSet.getMetadata().getDeletionTimestamp() != null) {
      return new Observed(JobState.DELETING, null, replicatedJobs, List.of());
    }
    Optional<Condition> completed = condition(jobSet, "Completed");
    if (completed.isPresent()) {
      List<RoleSummary> summaries = replicatedJobs.stream()
          .map(r -> new RoleSummary(r, JobStates.summary(ofReplicatedJob(pods, r)))).toList();
      return new Observed(JobState.SUCCEEDED, timeOf(completed.get()), replicatedJobs, summaries);
    }
    Optional<Condition> failed = condition(jobSet, "Failed");
    if (failed.isEmpty()) {
      return new Observed(JobState.ACTIVE, null, replicatedJobs, List.of());
    }
    // The role whose pod failed first explains the group's failure; the primary when no pod tells.
    String failing = replicatedJobs.stream()
        .flatMap(r -> RankedPods.firstFailed(ofReplicatedJob(pods, r)).map(e -> Map.entry(r, e)).stream())
        .min(Map.Entry.comparingByValue(RankedPods.FIRST_ENDED))
        .map(Map.Entry::getKey)
        .orElse(replicatedJobs.get(0));
    JobStates.Ending ending = JobStates.failure(FAIL_JOBSET_ACTION.equals(failed.get().getReason()),
        ofReplicatedJob(pods, failing), message(failed.get()));
    List<String> order = new ArrayList<>(List.of(failing));
    replicatedJobs.stream().filter(r -> !r.equals(failing)).forEach(order::add);
    return new Observed(ending.state(), timeOf(failed.get()), order,
        List.of(new RoleSummary(failing, ending.summary())));
  }

  /** The pods of the group's latest restart: an earlier restart's pods may linger while they are deleted. */
  private static List<Pod> latestRestart(List<Pod> pods, int restarts) {
    return pods.stream().filter(p -> {
      String attempt = p.getMetadata().getLabels() == null ? null
          : p.getMetadata().getLabels().get(JobSet.RESTART_ATTEMPT_LABEL);
      return attempt == null || attempt.equals(String.valueOf(restarts));
    }).toList();
  }

  private static List<Pod> ofReplicatedJob(List<Pod> pods, String replicatedJob) {
    return pods.stream()
        .filter(p -> replicatedJob.equals(p.getMetadata().getLabels().get(JobSet.REPLICATED_JOB_LABEL)))
        .toList();
  }

  private static String message(Condition failed) {
    String reason = failed.getReason() == null ? "Failed" : failed.getReason();
    return failed.getMessage() == null ? reason : reason + ": " + failed.getMessage();
  }

  private static Optional<Condition> condition(JobSet jobSet, String type) {
    if (jobSet.getStatus() == null || jobSet.getStatus().conditions == null) {
      return Optional.empty();
    }
    return jobSet.getStatus().conditions.stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static Instant timeOf(Condition condition) {
    String at = condition.getLastTransitionTime();
    return at == null ? null : Instant.parse(at);
  }
}

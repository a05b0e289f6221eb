package dev.alignment.operator.stage;

import dev.alignment.contract.StageSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Jobs of one stage attempt seen as one. A stage of several Jobs (PPO Split: actor and critic) succeeds when
 * every role has succeeded and fails as soon as any role fails or goes missing, so the pair is retried as one.
 *
 * @param attempt the attempt number
 * @param roles the stage's role names in order, the primary first; empty for a single-Job stage
 * @param jobs the observed Jobs of this attempt
 */
public record ObservedAttempt(int attempt, List<String> roles, List<ObservedJob> jobs) {
  /** The stage's newest attempt among the observed Jobs. */
  static Optional<ObservedAttempt> latest(List<ObservedJob> all, String stage, List<String> roles) {
    return all.stream()
        .filter(j -> j.stage().equals(stage))
        .mapToInt(ObservedJob::attempt)
        .max()
        .stream()
        .mapToObj(attempt -> new ObservedAttempt(attempt, roles,
            all.stream().filter(j -> j.stage().equals(stage) && j.attempt() == attempt).toList()))
        .findFirst();
  }

  /** The Job of a role, or of a single-Job stage when {@code role} is null. */
  public Optional<ObservedJob> job(String role) {
    return jobs.stream().filter(j -> Objects.equals(j.role(), role)).findFirst();
  }

  /** Bad input anywhere wins, then an out-of-memory kill, then another failure, then a missing Job; all must succeed to succeed. */
  public JobState state() {
    return decisive().map(ObservedJob::state).orElseGet(() -> {
      if (expected().stream().anyMatch(role -> job(role).map(j -> j.state() == JobState.DELETING).orElse(true))) {
        return JobState.DELETING;
      }
      return jobs.stream().allMatch(j -> j.state() == JobState.SUCCEEDED) ? JobState.SUCCEEDED : JobState.ACTIVE;
    });
  }

  /** The primary Job's name: the one the status names and whose pod reports progress. */
  public Optional<String> primaryName() {
    return job(expected().get(0)).map(ObservedJob::name);
  }

  /** When the attempt ended: the failing Job's finish, or the last role's. */
  public Instant finishedAt() {
    return decisive().map(ObservedJob::finishedAt).orElseGet(() -> jobs.stream().map(ObservedJob::finishedAt)
        .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
  }

  /**
   * The summary that explains the attempt: the failing role's (its message prefixed with the role), else the
   * primary's.
   */
  public StageSummary summary() {
    Optional<ObservedJob> failed = decisive();
    if (failed.isPresent()) {
      StageSummary s = failed.get().summary();
      if (s == null || failed.get().role() == null || s.message() == null) {
        return s;
      }
      return StageSummary.ofMessage(failed.get().role() + ": " + s.message());
    }
    return job(expected().get(0)).map(ObservedJob::summary).orElse(null);
  }

  /** Whole-group restarts of the attempt's JobSet so far; 0 for Jobs. */
  public int restarts() {
    return jobs.stream().mapToInt(ObservedJob::restarts).max().orElse(0);
  }

  /** Jobs of the attempt still pending or running: stopped when a sibling fails, or on suspend. */
  public List<ObservedJob> active() {
    return jobs.stream().filter(j -> j.state() == JobState.ACTIVE).toList();
  }

  private Optional<ObservedJob> decisive() {
    return firstIn(JobState.FAILED_PERMANENT).or(() -> firstIn(JobState.FAILED_OUT_OF_MEMORY))
        .or(() -> firstIn(JobState.FAILED_RETRYABLE));
  }

  private Optional<ObservedJob> firstIn(JobState state) {
    return jobs.stream().filter(j -> j.state() == state).findFirst();
  }

  private List<String> expected() {
    return roles.isEmpty() ? Collections.singletonList(null) : roles;
  }
}

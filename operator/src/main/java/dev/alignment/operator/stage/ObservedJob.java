package dev.alignment.operator.stage;

import dev.alignment.contract.StageSummary;
import java.time.Instant;

/**
 * A stage Job as the operator sees it, or one role of a stage attempt's JobSet.
 *
 * @param stage the stage it runs
 * @param role its role in a stage of several Jobs (e.g. {@code critic}); null for a stage's only Job
 * @param attempt its attempt number (1-based)
 * @param name the Job's name, or its JobSet's (what stopping the attempt deletes)
 * @param state what it amounts to
 * @param finishedAt when it succeeded or failed; null while active
 * @param summary the trainer's termination summary, or a message built from the Job's condition; null while active
 * @param restarts how many times its JobSet restarted the attempt's pod group; 0 for a plain Job
 */
public record ObservedJob(
    String stage, String role, int attempt, String name, JobState state, Instant finishedAt, StageSummary summary,
    int restarts) {

  /** A plain Job, which is never restarted in place. */
  public ObservedJob(
      String stage, String role, int attempt, String name, JobState state, Instant finishedAt, StageSummary summary) {
    this(stage, role, attempt, name, state, finishedAt, summary, 0);
  }
}

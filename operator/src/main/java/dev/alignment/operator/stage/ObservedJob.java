package dev.alignment.operator.stage;

import dev.alignment.contract.StageSummary;
import java.time.Instant;

/**
 * A stage Job as the operator sees it.
 *
 * @param stage the stage it runs
 * @param role its role in a stage of several Jobs (e.g. {@code critic}); null for a stage's only Job
 * @param attempt its attempt number (1-based)
 * @param name the Job's name
 * @param state what it amounts to
 * @param finishedAt when it succeeded or failed; null while active
 * @param summary the trainer's termination summary, or a message built from the Job's condition; null while active
 */
public record ObservedJob(
    String stage, String role, int attempt, String name, JobState state, Instant finishedAt, StageSummary summary) {}

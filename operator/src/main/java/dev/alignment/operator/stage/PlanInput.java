package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.StageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner decides from: the pipeline, what status recorded, what Jobs exist, and the spec switches.
 *
 * @param owner name of the resource whose stages these are (prefix of its Job names)
 * @param stages stage names in pipeline order
 * @param roles role names of the stages made of several Jobs, the primary first; other stages are one Job
 * @param recorded the stage statuses of the last status write (may be empty or stale)
 * @param jobs every observed Job of the resource's stages, any attempt
 * @param suspend spec.suspend
 * @param readiness whether new Jobs may start
 * @param maxRetries retries allowed per stage after retryable failures
 * @param retryOutOfMemory whether a trainer killed at its memory limit counts as retryable (else it fails the stage)
 * @param backoff wait between attempts
 * @param now the current time
 */
public record PlanInput(
    String owner,
    List<String> stages,
    Map<String, List<String>> roles,
    List<StageStatus> recorded,
    List<ObservedJob> jobs,
    boolean suspend,
    Readiness readiness,
    int maxRetries,
    boolean retryOutOfMemory,
    BackoffPolicy backoff,
    Instant now) {}

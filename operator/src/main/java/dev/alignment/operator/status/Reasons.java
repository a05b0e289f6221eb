package dev.alignment.operator.status;

import java.util.Set;

/**
 * Condition reasons the operator writes; stable API for users' tooling and alerts. Condition types are
 * {@link Conditions.Type}; the reasons of Kubernetes Events are a type of their own, beside the reconcilers.
 */
public final class Reasons {
  public static final String WAITING_FOR_PREFERENCE_DATASET = "WaitingForPreferenceDataset";
  public static final String WAITING_FOR_REWARD_MODEL = "WaitingForRewardModel";
  public static final String WAITING_FOR_CONFIG_MAP = "WaitingForConfigMap";
  /** The TrainerRuntime a spec names does not exist; the resource starts once it is applied. */
  public static final String RUNTIME_NOT_FOUND = "RuntimeNotFound";
  public static final String STAGE_RUNNING = "StageRunning";
  public static final String RETRY_BACKOFF = "RetryBackoff";
  public static final String SUSPENDED_BY_USER = "SuspendedByUser";
  public static final String NOT_SUSPENDED = "NotSuspended";
  public static final String ALL_STAGES_SUCCEEDED = "AllStagesSucceeded";
  public static final String STAGE_FAILED = "StageFailed";
  public static final String IN_PROGRESS = "InProgress";
  public static final String IMPORTED = "Imported";
  public static final String RUNS_IN_PROGRESS = "RunsInProgress";
  public static final String ALL_RUNS_SUCCEEDED = "AllRunsSucceeded";
  public static final String RUNS_FAILED = "RunsFailed";
  /** A sweep's creates are refused by the API server for a reason that may pass; tried again later. */
  public static final String CREATE_REFUSED = "CreateRefused";
  public static final String INVALID_MATRIX = "InvalidMatrix";
  public static final String INVALID_SPEC = "InvalidSpec";
  /** {@link Conditions.Type#ReconcileFailure}: a request to the API server was refused or not answered. */
  public static final String API_REQUEST_FAILED = "ApiRequestFailed";
  /** {@link Conditions.Type#ReconcileFailure}: the operator failed for a reason of its own (a bug). */
  public static final String INTERNAL_ERROR = "InternalError";

  private static final Set<String> DEPENDENCY_WAITS =
      Set.of(WAITING_FOR_PREFERENCE_DATASET, WAITING_FOR_REWARD_MODEL, WAITING_FOR_CONFIG_MAP, RUNTIME_NOT_FOUND);

  private Reasons() {}

  /** Whether the reason says a resource waits for a dependency (a dataset, reward model, ConfigMap or runtime). */
  public static boolean isDependencyWait(String reason) {
    return reason != null && DEPENDENCY_WAITS.contains(reason);
  }
}

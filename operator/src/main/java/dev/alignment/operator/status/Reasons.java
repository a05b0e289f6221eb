package dev.alignment.operator.status;

/** Condition types and reasons the operator writes; stable API for users' tooling and alerts. */
public final class Reasons {
  // Condition types
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String SUSPENDED = "Suspended";

  // Reasons
  public static final String WAITING_FOR_PREFERENCE_DATASET = "WaitingForPreferenceDataset";
  public static final String WAITING_FOR_REWARD_MODEL = "WaitingForRewardModel";
  public static final String WAITING_FOR_CONFIG_MAP = "WaitingForConfigMap";
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
  public static final String INVALID_MATRIX = "InvalidMatrix";
  public static final String INVALID_SPEC = "InvalidSpec";

  // Event reasons
  public static final String STAGE_STARTED = "StageStarted";
  public static final String STAGE_SUCCEEDED = "StageSucceeded";
  public static final String STAGE_RETRYING = "StageRetrying";
  public static final String STAGE_SUSPENDED = "StageSuspended";
  public static final String RUN_CREATED = "RunCreated";
  public static final String RUN_DELETED = "RunDeleted";
  public static final String RUN_REJECTED = "RunRejected";
  /** An object the operator creates was refused by the API server (also a sweep's condition reason while it lasts). */
  public static final String CREATE_REFUSED = "CreateRefused";
  public static final String RECONCILE_ERROR = "ReconcileError";

  private Reasons() {}
}

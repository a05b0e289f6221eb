package dev.alignment.operator.status;

import dev.alignment.operator.stage.Outcome;

/** Condition reasons and messages for pipeline outcomes, shared by every kind. */
public final class Outcomes {
  private Outcomes() {}

  public static String reason(Outcome outcome) {
    return switch (outcome.kind()) {
      case RUNNING -> Reasons.STAGE_RUNNING;
      case RETRYING -> Reasons.RETRY_BACKOFF;
      case WAITING -> ((Outcome.Waiting) outcome).reason();
      case SUSPENDED -> Reasons.SUSPENDED_BY_USER;
      case SUCCEEDED -> Reasons.ALL_STAGES_SUCCEEDED;
      case FAILED -> ((Outcome.Failed) outcome).stage() == null ? Reasons.INVALID_SPEC : Reasons.STAGE_FAILED;
    };
  }

  public static String message(Outcome outcome) {
    if (outcome instanceof Outcome.Running r) {
      return "stage " + r.stage() + " is running (attempt " + r.attempt() + ")";
    }
    if (outcome instanceof Outcome.Retrying r) {
      return "stage " + r.stage() + " " + r.lastMessage() + "; retrying in "
          + Math.max(1, r.after().toSeconds()) + "s (failure " + r.failures() + ")";
    }
    if (outcome instanceof Outcome.Waiting w) {
      return w.message();
    }
    if (outcome instanceof Outcome.Failed f) {
      return f.stage() == null ? f.message() : "stage " + f.stage() + " failed: " + f.message();
    }
    return outcome.kind() == Outcome.Kind.SUSPENDED
        ? "suspended: stage Jobs removed, checkpoints kept"
        : "all stages succeeded";
  }
}

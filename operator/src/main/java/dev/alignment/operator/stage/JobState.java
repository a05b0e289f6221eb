package dev.alignment.operator.stage;

/** What an observed stage Job amounts to for the planner. */
public enum JobState {
  /** Pending or running. */
  ACTIVE,
  SUCCEEDED,
  /** Failed in a way worth another attempt (crash, OOM kill, evicted node, ...). */
  FAILED_RETRYABLE,
  /** Failed on bad input (trainer exit code 2): another attempt would fail the same way. */
  FAILED_PERMANENT,
  /** Being deleted; counts as gone. */
  DELETING
}

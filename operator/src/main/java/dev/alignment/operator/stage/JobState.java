package dev.alignment.operator.stage;

/** What an observed stage Job amounts to for the planner. */
public enum JobState {
  /** Pending or running. */
  ACTIVE,
  SUCCEEDED,
  /** Failed in a way worth another attempt (crash, OOM kill, evicted node, ...). */
  FAILED_RETRYABLE,
  /** The trainer was killed at its memory limit (OOMKilled): retried only where the spec asks for it. */
  FAILED_OUT_OF_MEMORY,
  /** Failed on bad input (trainer exit code 2): another attempt would fail the same way. */
  FAILED_PERMANENT,
  /** Being deleted; counts as gone. */
  DELETING
}

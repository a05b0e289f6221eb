package dev.alignment.api.v1alpha1;

/** Lifecycle of an AlignmentRun. */
public enum RunPhase {
  Pending,
  Running,
  Suspended,
  Succeeded,
  Failed
}

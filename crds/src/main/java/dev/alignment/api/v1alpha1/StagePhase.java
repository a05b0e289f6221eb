package dev.alignment.api.v1alpha1;

/** Lifecycle of one stage: each attempt is one trainer Job; Retrying waits out the backoff between attempts. */
public enum StagePhase {
  Pending,
  Running,
  Retrying,
  Suspended,
  Succeeded,
  Failed
}

package dev.alignment.api.v1alpha1;

/** Lifecycle of a RewardModel. */
public enum RewardModelPhase {
  Pending,
  Training,
  Ready,
  Failed
}

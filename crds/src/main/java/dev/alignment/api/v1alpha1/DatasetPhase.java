package dev.alignment.api.v1alpha1;

/** Lifecycle of a PreferenceDataset. */
public enum DatasetPhase {
  Pending,
  Validating,
  Ready,
  Failed
}

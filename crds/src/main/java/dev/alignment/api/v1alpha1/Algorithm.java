package dev.alignment.api.v1alpha1;

/** Preference-optimisation algorithms a run can use. */
public enum Algorithm {
  DPO,
  IPO,
  CDPO,
  PPO,
  BestOfN
}

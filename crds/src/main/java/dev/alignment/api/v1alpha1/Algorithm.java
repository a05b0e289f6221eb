package dev.alignment.api.v1alpha1;

/** Preference-optimisation algorithms a run can use. */
public enum Algorithm {
  DPO,
  IPO,
  CDPO,
  PPO,
  BestOfN;

  /** True for the offline, pairwise family trained by the trainer's dpo stage. */
  public boolean isDpoFamily() {
    return this == DPO || this == IPO || this == CDPO;
  }
}

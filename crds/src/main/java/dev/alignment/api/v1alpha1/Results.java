package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The evaluation of the final policy against the reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Results {
  /** Mean gold reward of the policy's samples on held-out prompts. */
  public Double goldReward;

  /** Mean gold reward of the reference policy's samples on the same prompts. */
  public Double referenceGoldReward;

  /** Share of prompts where the policy's sample beats the reference's (ties count half). */
  public Double winRate;

  /** KL(policy || reference), estimated from the policy's samples. */
  public Double kl;

  /** Share of validation pairs with pi(chosen) > pi(rejected) (Chen et al. 2024). */
  public Double rankingAccuracy;

  /** Ranking accuracy of the exact optimum of the DPO/RLHF objective (Chen et al. 2024). */
  public Double idealizedRankingAccuracy;

  /** idealizedRankingAccuracy - rankingAccuracy. */
  public Double alignmentGap;
}

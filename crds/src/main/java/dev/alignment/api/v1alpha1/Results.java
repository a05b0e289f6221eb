package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The evaluation of the final policy against the reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Results {
  @JsonPropertyDescription("Mean gold reward of the policy's samples on held-out prompts.")
  public Double goldReward;

  @JsonPropertyDescription("Mean gold reward of the reference policy's samples on the same prompts.")
  public Double referenceGoldReward;

  @JsonPropertyDescription("Share of prompts where the policy's sample beats the reference's (ties count half).")
  public Double winRate;

  @JsonPropertyDescription("KL(policy || reference), estimated from the policy's samples.")
  public Double kl;

  @JsonPropertyDescription("Share of validation pairs with pi(chosen) > pi(rejected) (Chen et al. 2024).")
  public Double rankingAccuracy;

  @JsonPropertyDescription("Ranking accuracy of the exact optimum of the DPO/RLHF objective (Chen et al. 2024).")
  public Double idealizedRankingAccuracy;

  @JsonPropertyDescription("idealizedRankingAccuracy - rankingAccuracy.")
  public Double alignmentGap;
}

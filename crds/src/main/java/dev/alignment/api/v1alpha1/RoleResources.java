package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Compute for each role of a run's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoleResources {
  @JsonPropertyDescription("The policy trainer: SFT, DPO-family, PPO actor and best-of-n.")
  public ResourceRequest trainer;

  @JsonPropertyDescription("The PPO critic (value model and reward model) in the Split topology.")
  public ResourceRequest critic;

  @JsonPropertyDescription("The evaluation stage.")
  public ResourceRequest eval;
}

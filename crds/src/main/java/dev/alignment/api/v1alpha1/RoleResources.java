package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Compute for each role of a run's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.critic) || !has(self.critic.nodes)",
    message = "resources.critic.nodes is not supported: the PPO critic runs on one pod; only resources.trainer takes nodes",
    fieldPath = ".critic.nodes")
@ValidationRule(
    value = "!has(self.eval) || !has(self.eval.nodes)",
    message = "resources.eval.nodes is not supported: evaluation runs on one pod; only resources.trainer takes nodes",
    fieldPath = ".eval.nodes")
public class RoleResources {
  @JsonPropertyDescription("The policy trainer: SFT, DPO-family, PPO actor and best-of-n.")
  public ResourceRequest trainer;

  @JsonPropertyDescription("The PPO critic (value model and reward model) in the Split topology.")
  public ResourceRequest critic;

  @JsonPropertyDescription("The evaluation stage.")
  public ResourceRequest eval;
}

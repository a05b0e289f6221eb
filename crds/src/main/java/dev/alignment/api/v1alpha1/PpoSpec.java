package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** PPO settings (Schulman et al. 2017, as used for RLHF by Ziegler et al. 2019). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PpoSpec {
  @JsonPropertyDescription(
      "Split: actor and critic in separate pods; Colocated: one pod holds all four models. Default " +
      "Split.")
  public Topology topology;

  @JsonPropertyDescription("Coefficient of the per-token KL penalty toward the reference. Default " + Defaults.PPO_KL_COEF + ".")
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double klCoef;

  @JsonPropertyDescription("When set, the KL coefficient adapts toward this KL (Ziegler et al. controller).")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double targetKl;

  @JsonPropertyDescription("Policy ratio clip epsilon. Default " + Defaults.PPO_CLIP_RANGE + ".")
  @Min(value = 0, inclusive = false)
  @Max(1)
  public Double clipRange;

  @JsonPropertyDescription("Value clip epsilon. Default " + Defaults.PPO_VALUE_CLIP_RANGE + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double valueClipRange;

  @JsonPropertyDescription("Discount. Default " + Defaults.PPO_GAMMA + ".")
  @Min(0)
  @Max(1)
  public Double gamma;

  @JsonPropertyDescription("GAE lambda. Default " + Defaults.PPO_LAMBDA + ".")
  @Min(0)
  @Max(1)
  public Double lambda;

  @JsonPropertyDescription("Optimisation passes over each rollout batch. Default " + Defaults.PPO_EPOCHS + ".")
  @Min(1)
  @Max(Bounds.EPOCHS)
  public Integer epochs;

  @JsonPropertyDescription("Prompts per rollout batch. Default " + Defaults.PPO_ROLLOUT_BATCH_SIZE + ".")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer rolloutBatchSize;

  @JsonPropertyDescription("Longest completion sampled in rollouts. Default " + Defaults.PPO_MAX_NEW_TOKENS + ".")
  @Min(1)
  @Max(Bounds.NEW_TOKENS)
  public Integer maxNewTokens;

  @JsonPropertyDescription("Sampling temperature for rollouts (> 0). Default " + Defaults.PPO_TEMPERATURE + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double temperature;

  @JsonPropertyDescription(
      "Split only: seconds the actor waits for its critic to answer before it exits to be retried (the critic " +
      "waits twice as long for the actor). Raise it where the two Jobs are admitted one at a time, e.g. by a " +
      "queue. Default " + (int) Defaults.PPO_STARTUP_TIMEOUT_SECONDS + ".")
  @Min(10)
  @Max(Bounds.STARTUP_TIMEOUT_SECONDS)
  public Integer startupTimeoutSeconds;

  /** Where PPO's models live. */
  public enum Topology {
    Split,
    Colocated
  }
}

package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** PPO settings (Schulman et al. 2017, as used for RLHF by Ziegler et al. 2019). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PpoSpec {
  @JsonPropertyDescription(
      "Split: actor and critic in separate pods; Colocated: one pod holds all four models. Default " +
      "Split.")
  public Topology topology;

  @JsonPropertyDescription("Coefficient of the per-token KL penalty toward the reference. Default 0.05.")
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double klCoef;

  @JsonPropertyDescription("When set, the KL coefficient adapts toward this KL (Ziegler et al. controller).")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double targetKl;

  @JsonPropertyDescription("Policy ratio clip epsilon. Default 0.2.")
  @Min(value = 0, inclusive = false)
  @Max(1)
  public Double clipRange;

  @JsonPropertyDescription("Value clip epsilon. Default 0.2.")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double valueClipRange;

  @JsonPropertyDescription("Discount. Default 1.")
  @Min(0)
  @Max(1)
  public Double gamma;

  @JsonPropertyDescription("GAE lambda. Default 0.95.")
  @Min(0)
  @Max(1)
  public Double lambda;

  @JsonPropertyDescription("Optimisation passes over each rollout batch. Default 4.")
  @Min(1)
  @Max(Bounds.EPOCHS)
  public Integer epochs;

  @JsonPropertyDescription("Prompts per rollout batch. Default 32.")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer rolloutBatchSize;

  @JsonPropertyDescription("Longest completion sampled in rollouts. Default 16.")
  @Min(1)
  @Max(Bounds.NEW_TOKENS)
  public Integer maxNewTokens;

  @JsonPropertyDescription("Sampling temperature for rollouts (> 0). Default 1.")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double temperature;

  @JsonPropertyDescription(
      "Split only: seconds the actor waits for its critic to answer before it exits to be retried (the critic " +
      "waits twice as long for the actor). Raise it where the two Jobs are admitted one at a time, e.g. by a " +
      "queue. Default 300.")
  @Min(10)
  @Max(Bounds.STARTUP_TIMEOUT_SECONDS)
  public Integer startupTimeoutSeconds;

  /** Where PPO's models live. */
  public enum Topology {
    Split,
    Colocated
  }
}

package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings of a run's preference stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSpec {
  @JsonPropertyDescription("Optimizer steps (PPO: rollout batches). Default " + Defaults.PREFERENCE_STEPS + ".")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer steps;

  @JsonPropertyDescription("Pairs (or prompts) per step. Default " + Defaults.PREFERENCE_BATCH_SIZE + ".")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer batchSize;

  @JsonPropertyDescription("Adam learning rate (> 0). Default " + Defaults.PREFERENCE_LEARNING_RATE + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.LEARNING_RATE)
  public Double learningRate;

  @JsonPropertyDescription("Clip the gradients' global L2 norm to this before each optimizer step; 0 turns clipping off. Default "
      + Defaults.MAX_GRAD_NORM + " (TRL's).")
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double maxGradNorm;

  @JsonPropertyDescription("Strength of the KL regularisation toward the reference in DPO/IPO/cDPO (> 0). Default "
      + Defaults.BETA + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double beta;

  @JsonPropertyDescription("cDPO label smoothing: assumed probability in [0, 0.5] that a preference label is flipped.")
  @Min(0)
  @Max(0.5)
  public Double labelSmoothing;

  @JsonPropertyDescription("Seed for initialisation, batch order and sampling. Default " + Defaults.SEED + ".")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;
}

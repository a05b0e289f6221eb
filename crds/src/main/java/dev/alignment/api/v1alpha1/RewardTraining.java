package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings for Bradley-Terry reward-model training. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewardTraining {
  @JsonPropertyDescription("Optimizer steps. Default " + Defaults.REWARD_STEPS + ".")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer steps;

  @JsonPropertyDescription("Preference pairs per step. Default " + Defaults.REWARD_BATCH_SIZE + ".")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer batchSize;

  @JsonPropertyDescription("Adam learning rate (> 0). Default " + Defaults.REWARD_LEARNING_RATE + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.LEARNING_RATE)
  public Double learningRate;

  @JsonPropertyDescription("Clip the gradients' global L2 norm to this before each optimizer step; 0 turns clipping off. Default "
      + Defaults.MAX_GRAD_NORM + " (TRL's).")
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double maxGradNorm;

  @JsonPropertyDescription("Seed for initialisation and batch order. Default " + Defaults.SEED + ".")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;
}

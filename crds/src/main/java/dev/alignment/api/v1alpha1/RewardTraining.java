package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings for Bradley-Terry reward-model training. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewardTraining {
  @JsonPropertyDescription("Optimizer steps. Default 300.")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer steps;

  @JsonPropertyDescription("Preference pairs per step. Default 32.")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer batchSize;

  @JsonPropertyDescription("Adam learning rate (> 0). Default 1e-3.")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.LEARNING_RATE)
  public Double learningRate;

  @JsonPropertyDescription("Clip the gradients' global L2 norm to this before each optimizer step; 0 turns clipping off. Default 1.0 (TRL's).")
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double maxGradNorm;

  @JsonPropertyDescription("Seed for initialisation and batch order. Default 0.")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;
}

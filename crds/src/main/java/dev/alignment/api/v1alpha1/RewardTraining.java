package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings for Bradley-Terry reward-model training. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewardTraining {
  @JsonPropertyDescription("Optimizer steps. Default 300.")
  @Min(1)
  public Integer steps;

  @JsonPropertyDescription("Preference pairs per step. Default 32.")
  @Min(1)
  public Integer batchSize;

  @JsonPropertyDescription("AdamW learning rate (> 0). Default 1e-3.")
  @Min(value = 0, inclusive = false)
  public Double learningRate;

  @JsonPropertyDescription("Seed for initialisation and batch order. Default 0.")
  public Long seed;
}

package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings for Bradley-Terry reward-model training. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewardTraining extends OptimizerSpec {
  @JsonPropertyDescription("Seed for initialisation and batch order. Default " + Defaults.SEED + ".")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;
}

package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The optimizer settings every training stage takes; the field that holds a stage's settings states its defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class OptimizerSpec {
  @JsonPropertyDescription("Optimizer steps (PPO: rollout batches).")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer steps;

  @JsonPropertyDescription("Examples per step: preference pairs (DPO, reward models), sequences (SFT) or prompts (PPO).")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer batchSize;

  @JsonPropertyDescription("Adam learning rate (> 0).")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.LEARNING_RATE)
  public Double learningRate;

  @JsonPropertyDescription(Descriptions.MAX_GRAD_NORM)
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double maxGradNorm;

  @JsonPropertyDescription(
      "Train LoRA adapters on the frozen model instead of every weight (the reference policy is then the same " +
      "model with the adapters off; best-of-n trains nothing and ignores it). Unset: full fine-tuning.")
  public LoraSpec lora;
}

package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings of a run's preference stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSpec {
  /** Optimizer steps (PPO: rollout batches). Default 200. */
  @Min(1)
  public Integer steps;

  /** Pairs (or prompts) per step. Default 32. */
  @Min(1)
  public Integer batchSize;

  /** AdamW learning rate (> 0). Default 5e-4. */
  @Min(value = 0, inclusive = false)
  public Double learningRate;

  /** Strength of the KL regularisation toward the reference in DPO/IPO/cDPO (> 0). Default 0.1. */
  @Min(value = 0, inclusive = false)
  public Double beta;

  /** cDPO label smoothing: assumed probability in [0, 0.5] that a preference label is flipped. */
  @Min(0)
  @Max(0.5)
  public Double labelSmoothing;

  /** Seed for initialisation, batch order and sampling. Default 0. */
  public Long seed;
}

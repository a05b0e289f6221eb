package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The optimisation settings of a training stage (Adam as torch.optim.Adam, gradients clipped by global norm). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Optimisation settings: Adam (betas 0.9, 0.999, eps 1e-8, no weight decay), gradients clipped by global L2 norm.")
public record TrainingBlock(
    @JsonPropertyDescription("Optimizer steps (> 0).")
    int steps,
    @JsonPropertyDescription("Examples per step (> 0).")
    int batchSize,
    @JsonPropertyDescription("Adam learning rate (> 0).")
    double learningRate,
    @JsonPropertyDescription("Clip the gradients' global L2 norm to this before each step; 0 turns clipping off. Default "
        + Defaults.MAX_GRAD_NORM + " (TRL's).")
    double maxGradNorm,
    @JsonPropertyDescription(Docs.SEED)
    long seed,
    @OptionalKey
    @JsonPropertyDescription("Train LoRA adapters on a frozen base instead of every weight. Absent: full fine-tuning.")
    LoraBlock lora) {}

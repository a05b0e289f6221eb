package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Supervised fine-tuning on demonstrations, with the loss on completion tokens only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.dataset) != has(self.preferenceDataset)",
    message = "spec.sft: set exactly one of dataset (a text corpus) or preferenceDataset (trains on the chosen completions)")
public class SftSpec {
  @JsonPropertyDescription("Demonstrations, e.g. builtin://sentiment/sft or a JSONL file with prompt and completion keys.")
  public UriSource dataset;

  @JsonPropertyDescription("Name of a PreferenceDataset whose chosen completions are the demonstrations.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String preferenceDataset;

  @JsonPropertyDescription("Optimizer steps. Default " + Defaults.SFT_STEPS + ".")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer steps;

  @JsonPropertyDescription("Adam learning rate (> 0). Default " + Defaults.SFT_LEARNING_RATE + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.LEARNING_RATE)
  public Double learningRate;

  @JsonPropertyDescription("Clip the gradients' global L2 norm to this before each optimizer step; 0 turns clipping off. Default "
      + Defaults.MAX_GRAD_NORM + " (TRL's).")
  @Min(0)
  @Max(Bounds.COEFFICIENT)
  public Double maxGradNorm;

  @JsonPropertyDescription("Sequences per step. Default " + Defaults.SFT_BATCH_SIZE + ".")
  @Min(1)
  @Max(Bounds.BATCH)
  public Integer batchSize;
}

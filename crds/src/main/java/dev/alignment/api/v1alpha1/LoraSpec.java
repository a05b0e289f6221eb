package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** LoRA (low-rank adapters on a frozen model) as PEFT's LoraConfig, with PEFT's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoraSpec {
  @JsonPropertyDescription("Rank of each adapter. Default " + Defaults.LORA_RANK + " (PEFT's).")
  @Min(1)
  @Max(Bounds.LORA_RANK)
  public Integer rank;

  @JsonPropertyDescription("Scale: each adapter adds (alpha / rank) B A x to its module's output. Default "
      + Defaults.LORA_ALPHA + " (PEFT's).")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.LORA_ALPHA)
  public Double alpha;

  @JsonPropertyDescription("Dropout on each adapter's input while training, in [0, 1). Default " + Defaults.LORA_DROPOUT
      + " (PEFT's).")
  @Min(0)
  @Max(value = 1, inclusive = false)
  public Double dropout;

  @JsonPropertyDescription(
      "Modules that get an adapter, by the last part of their name as PEFT's target_modules matches them, e.g. " +
      "[q_proj, v_proj] for the Llama family or [c_attn] for GPT-2. Unset: the architecture family's default, " +
      "chosen by the trainer.")
  @Size(min = 1, max = Bounds.TARGET_MODULES)
  public List<@Pattern(Bounds.MODULE_NAME) @Size(max = Bounds.MODULE_NAME_LENGTH) String> targetModules;

  @JsonPropertyDescription(
      "merged: the adapters merged into the weights, saved as a plain Hugging Face directory; adapter: a PEFT " +
      "adapter directory (adapter_config.json, adapter_model.safetensors) that names the model it adapts. " +
      "Default merged.")
  public Output output;

  /** How the stage saves its model. */
  public enum Output {
    merged,
    adapter
  }
}

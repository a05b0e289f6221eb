package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** LoRA (Hu et al. 2021) as PEFT's LoraConfig: low-rank adapters trained on a frozen base. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("LoRA, as PEFT's LoraConfig: each target projection gains (alpha / rank) B A x, A and B trained, the "
    + "base frozen; the reference policy is the base with the adapters off.")
public record LoraBlock(
    @JsonPropertyDescription("Rank r of each adapter (> 0). Default " + Defaults.LORA_RANK + " (PEFT's).")
    int rank,
    @JsonPropertyDescription("Scale: an adapter adds (alpha / rank) B A x (> 0). Default " + Defaults.LORA_ALPHA + " (PEFT's).")
    double alpha,
    @JsonPropertyDescription("Dropout on an adapter's input while training, in [0, 1). Default " + Defaults.LORA_DROPOUT
        + " (PEFT's).")
    double dropout,
    @OptionalKey
    @JsonPropertyDescription("Modules that get an adapter, by the last part of their name as PEFT matches them, e.g. q_proj, "
        + "v_proj (Llama family) or c_attn (GPT-2); each matches " + LoraBlock.MODULE_NAME + ". Absent: the architecture "
        + "family's default, chosen by the trainer.")
    List<String> targetModules,
    @JsonPropertyDescription("merged: the adapters merged into the base, saved as a plain Hugging Face directory; adapter: "
        + "a PEFT adapter directory (adapter_config.json, adapter_model.safetensors). Default merged (Defaults.LORA_OUTPUT).")
    LoraOutput output) {

  /** A module name as PEFT's target_modules lists it. */
  public static final String MODULE_NAME = "^[A-Za-z_][A-Za-z0-9_.]*$";
}

package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code best-of-n}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("best-of-n: samples the policy n times per prompt and keeps the reward model's favourite; trains nothing.")
public record BestOfNConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonUnwrapped
    RolloutInputs inputs,
    @JsonPropertyDescription("Samples per prompt (> 0). Default " + Defaults.BEST_OF_N + ".")
    int n,
    @OptionalKey
    @JsonPropertyDescription("Prompts sampled (> 0). Default " + Defaults.BEST_OF_N_SAMPLES + ".")
    Integer samples,
    @JsonPropertyDescription("Optimisation settings; best-of-n reads only seed.")
    TrainingBlock training) implements CommandConfig {
}

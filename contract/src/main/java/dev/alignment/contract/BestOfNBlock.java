package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Evaluation of a best-of-n run: the policy sampled n times, the reward model's favourite kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("Evaluate best-of-n: sample the policy n times per prompt and keep the reward model's favourite.")
public record BestOfNBlock(
    @JsonPropertyDescription("Samples per prompt (> 0). Default " + Defaults.BEST_OF_N + ".")
    int n,
    @OptionalKey
    @JsonPropertyDescription("URI of the reward model that picks the best sample; the reference trainer needs it.")
    String rewardModel) {}

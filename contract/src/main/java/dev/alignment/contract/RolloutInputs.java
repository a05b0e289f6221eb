package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** What a stage that samples the policy on prompts and scores the samples reads; configs hold it {@code @JsonUnwrapped}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutInputs(
    @JsonUnwrapped
    PolicyPair models,
    @JsonPropertyDescription(Docs.REWARD_MODEL)
    String rewardModel,
    @JsonPropertyDescription(Docs.PROMPTS)
    String prompts) {}

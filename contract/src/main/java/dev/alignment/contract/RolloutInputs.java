package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** What a stage that samples the policy on prompts and scores the samples reads; configs hold it {@code @JsonUnwrapped}. */
public record RolloutInputs(
    @JsonUnwrapped
    PolicyPair models,
    @JsonPropertyDescription(Docs.REWARD_MODEL)
    String rewardModel,
    @JsonPropertyDescription(Docs.PROMPTS)
    String prompts) {}

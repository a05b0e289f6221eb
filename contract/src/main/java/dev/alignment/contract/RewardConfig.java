package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code reward}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("reward: trains a Bradley-Terry reward model on a validated preference dataset.")
public record RewardConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonPropertyDescription("The reward model's backbone.")
    ModelRef model,
    @JsonPropertyDescription(Docs.DATASET)
    String dataset,
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.REWARD_STEPS + " steps, batch " + Defaults.REWARD_BATCH_SIZE + ", learning rate " + Defaults.REWARD_LEARNING_RATE + ".")
    TrainingBlock training) implements CommandConfig {
}

package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code ppo-actor}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("ppo-actor: PPO's policy side: rollouts, KL-penalised rewards, policy updates; the critic is local (Colocated) or at critic.url (Split).")
public record PpoActorConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonUnwrapped
    RolloutInputs inputs,
    @JsonPropertyDescription(Docs.PPO)
    PpoBlock ppo,
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.PREFERENCE_STEPS + " steps, batch " + Defaults.PREFERENCE_BATCH_SIZE + ", learning rate " + Defaults.PREFERENCE_LEARNING_RATE + ".")
    TrainingBlock training,
    @OptionalKey
    @JsonPropertyDescription(Docs.CRITIC + " Required for the Split topology.")
    CriticBlock critic) implements CommandConfig {
}

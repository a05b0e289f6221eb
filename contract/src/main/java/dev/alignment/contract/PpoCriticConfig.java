package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code ppo-critic}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("ppo-critic: the Split PPO topology's critic: serves the value and reward models to the actor on critic.port.")
public record PpoCriticConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonUnwrapped
    RolloutInputs inputs,
    @JsonPropertyDescription(Docs.PPO)
    PpoBlock ppo,
    @JsonPropertyDescription(Docs.TRAINING + " The value model uses learningRate unless ppo.valueLearningRate is set.")
    TrainingBlock training,
    @JsonPropertyDescription(Docs.CRITIC)
    CriticBlock critic) implements CommandConfig {
}

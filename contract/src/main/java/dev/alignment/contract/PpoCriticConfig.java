package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code ppo-critic}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("ppo-critic: the Split PPO topology's critic: serves the value and reward models to the actor on critic.port.")
public record PpoCriticConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.POLICY)
    ModelRef policy,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.REFERENCE)
    ModelRef reference,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.REWARD_MODEL)
    String rewardModel,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.PROMPTS)
    String prompts,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.PPO)
    PpoBlock ppo,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.TRAINING + " The value model uses learningRate unless ppo.valueLearningRate is set.")
    TrainingBlock training,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.CRITIC)
    CriticBlock critic) implements CommandConfig {
}

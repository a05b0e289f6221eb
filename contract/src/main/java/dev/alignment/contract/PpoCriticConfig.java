package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The config of {@code ppo-critic}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("ppo-critic: the Split PPO topology's critic: serves the value and reward models to the actor on critic.port.")
public record PpoCriticConfig(
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.CONTRACT_VERSION)
    int contractVersion,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.STAGE)
    String stage,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.NAMESPACE)
    String namespace,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.OWNER)
    String owner,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.OWNER_KIND)
    String ownerKind,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.OUTPUT_DIR)
    String outputDir,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.CHECKPOINT_EVERY)
    int checkpointEvery,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.METRICS_PORT)
    int metricsPort,
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
    CriticBlock critic) implements StageHeader {
}

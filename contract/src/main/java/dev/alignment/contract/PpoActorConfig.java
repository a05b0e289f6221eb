package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The config of {@code ppo-actor}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("ppo-actor: PPO's policy side: rollouts, KL-penalised rewards, policy updates; the critic is local (Colocated) or at critic.url (Split).")
public record PpoActorConfig(
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
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.PREFERENCE_STEPS + " steps, batch " + Defaults.PREFERENCE_BATCH_SIZE + ", learning rate " + Defaults.PREFERENCE_LEARNING_RATE + ".")
    TrainingBlock training,
    @JsonPropertyDescription(Docs.CRITIC + " Required for the Split topology.")
    CriticBlock critic) implements StageHeader {
}

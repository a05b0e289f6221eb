package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The config of {@code reward}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("reward: trains a Bradley-Terry reward model on a validated preference dataset.")
public record RewardConfig(
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
    @JsonPropertyDescription("The reward model's backbone.")
    ModelRef model,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.DATASET)
    String dataset,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.REWARD_STEPS + " steps, batch " + Defaults.REWARD_BATCH_SIZE + ", learning rate " + Defaults.REWARD_LEARNING_RATE + ".")
    TrainingBlock training) implements StageHeader {
}

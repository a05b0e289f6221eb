package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The config of {@code dpo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("dpo: offline preference optimisation (DPO, IPO or cDPO) of a policy against a frozen reference.")
public record DpoConfig(
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
    @JsonPropertyDescription(Docs.DATASET)
    String dataset,
    @JsonProperty(required = true)
    @JsonPropertyDescription("The preference loss: DPO, IPO or CDPO.")
    Loss loss,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.BETA)
    double beta,
    @JsonPropertyDescription("cDPO's label smoothing, in [0, 0.5]. Default " + Defaults.LABEL_SMOOTHING + ".")
    Double labelSmoothing,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.PREFERENCE_STEPS + " steps, batch " + Defaults.PREFERENCE_BATCH_SIZE + ", learning rate " + Defaults.PREFERENCE_LEARNING_RATE + ".")
    TrainingBlock training) implements StageHeader {
  /** The preference objective. */
  public enum Loss { DPO, IPO, CDPO }
}

package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code dpo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("dpo: offline preference optimisation (DPO, IPO or cDPO) of a policy against a frozen reference.")
public record DpoConfig(
    @JsonUnwrapped
    StageHeader header,
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
    TrainingBlock training) implements CommandConfig {
  /** The preference objective. */
  public enum Loss { DPO, IPO, CDPO }
}

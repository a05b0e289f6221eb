package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code dpo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("dpo: offline preference optimisation (DPO, IPO or cDPO) of a policy against a frozen reference.")
public record DpoConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonUnwrapped
    PolicyPair models,
    @JsonPropertyDescription(Docs.DATASET)
    String dataset,
    @JsonPropertyDescription("The preference loss: DPO, IPO or CDPO.")
    Loss loss,
    @JsonPropertyDescription(Docs.BETA)
    double beta,
    @OptionalKey
    @JsonPropertyDescription("cDPO's label smoothing, in [0, 0.5]. Default " + Defaults.LABEL_SMOOTHING + ".")
    Double labelSmoothing,
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.PREFERENCE_STEPS + " steps, batch " + Defaults.PREFERENCE_BATCH_SIZE + ", learning rate " + Defaults.PREFERENCE_LEARNING_RATE + ".")
    TrainingBlock training) implements CommandConfig {
  /** The preference objective. */
  public enum Loss { DPO, IPO, CDPO }
}

package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code sft}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("sft: supervised fine-tuning on demonstrations, or on the chosen completions of a preference dataset.")
public record SftConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonPropertyDescription(Docs.MODEL)
    ModelRef model,
    @JsonPropertyDescription("URI of the data: demonstrations (JSONL rows with prompt and completion), or a validated preference dataset.")
    String dataset,
    @JsonPropertyDescription("demonstrations, or preferences (train on chosen).")
    DatasetKind datasetKind,
    @JsonPropertyDescription(Docs.TRAINING + " Defaults: " + Defaults.SFT_STEPS + " steps, batch " + Defaults.SFT_BATCH_SIZE + ", learning rate " + Defaults.SFT_LEARNING_RATE + ".")
    TrainingBlock training) implements CommandConfig {
  /** What the dataset holds. */
  public enum DatasetKind { demonstrations, preferences }
}

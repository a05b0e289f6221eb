package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The config of {@code validate-dataset}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("validate-dataset: checks a raw preference dataset, applies the field mapping and splits it into train and validation.")
public record ValidateDatasetConfig(
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
    @JsonPropertyDescription("URI of the raw dataset: builtin://..., file://..., http(s)://...")
    String source,
    @JsonProperty(required = true)
    @JsonPropertyDescription("The raw rows' keys for prompt, chosen and rejected.")
    DatasetFields fields,
    @JsonProperty(required = true)
    @JsonPropertyDescription("Share of rows held out for validation, in [0, 0.5]. Default " + Defaults.VALIDATION_FRACTION + ".")
    double validationFraction,
    @JsonPropertyDescription("Seed of the train/validation split. Default " + Defaults.SEED + ".")
    Long seed) implements StageHeader {
}
